using System.Text;
using BulkImport.Core.Csv;

namespace BulkImport.Tests.Csv;

/// <summary>
/// Rows stream with flat memory: the reader never holds the rows it has returned. Speed is shown by the benchmark
/// (README, Performance), not asserted here. Runs on its own so the live heap it measures is its own.
/// </summary>
[Collection(nameof(CsvPerformanceCollection))]
public sealed class CsvPerformanceTests : IDisposable
{
    private const int RowCount = 300_000;
    private const int ColumnCount = 20;
    private readonly string path = Path.Combine(Path.GetTempPath(), $"bulkimport-csv-perf-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(path);

    [Fact]
    public void Rows_of_a_large_file_stream_with_flat_memory()
    {
        var columns = Enumerable.Range(1, ColumnCount).Select(c => "Column " + c).ToArray();
        WriteFile(columns);

        using var file = ParsedFile.Open(path, columns, [columns[0]], new CsvLimits());
        file.Errors.Should().BeEmpty();

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var rows = 0;
        long characters = 0;
        long peakLiveHeap = 0;
        foreach (var row in file.Rows())
        {
            rows++;
            characters += row.Values[3]!.Length;
            if (rows % 100_000 == 0)
            {
                // Live objects only (a full collection first): garbage from earlier rows is not "held".
                peakLiveHeap = Math.Max(peakLiveHeap, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }

        rows.Should().Be(RowCount);
        characters.Should().Be(RowCount * "Smith, John".Length);
        peakLiveHeap.Should().BeLessThan(16L * 1024 * 1024, "rows are streamed, not collected (the file is about 45 MB)");
    }

    private void WriteFile(string[] columns)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.Write(string.Join(",", columns));
        writer.Write("\r\n");
        var line = new StringBuilder();
        for (var r = 0; r < RowCount; r++)
        {
            line.Clear();
            for (var c = 0; c < ColumnCount; c++)
            {
                if (c > 0)
                {
                    line.Append(',');
                }

                if (c == 3)
                {
                    line.Append("\"Smith, John\"");
                }
                else
                {
                    line.Append("v").Append((r * 31 + c) % 100_000);
                }
            }

            writer.Write(line);
            writer.Write("\r\n");
        }
    }
}

/// <summary>Tests that must not share the machine with other tests while they measure.</summary>
[CollectionDefinition(nameof(CsvPerformanceCollection), DisableParallelization = true)]
public sealed class CsvPerformanceCollection;
