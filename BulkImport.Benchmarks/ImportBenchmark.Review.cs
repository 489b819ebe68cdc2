using System.Diagnostics;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;

namespace BulkImport.Benchmarks;

/// <summary>The review screen's part of the benchmark: grid pages by filter and position, and the revalidation of one edited row.</summary>
public sealed partial class ImportBenchmark
{
    private readonly List<(string Filter, string Page, double MedianMs, double MaxMs)> _grid = [];

    private async Task MeasureGridAsync(InProcessApp app, Import import, RowStatus?[] filters, string when, CancellationToken ct)
    {
        foreach (var status in filters)
        {
            var first = await app.Rows.RowsAsync(import.Id, status, new PageRequest(1, GridPageSize), ct); // warms the query's compilation
            var lastPage = Math.Max(1, (first.TotalCount + GridPageSize - 1) / GridPageSize);
            foreach (var (name, page) in new[] { ("first", 1), ("middle", (lastPage + 1) / 2), ("last", lastPage) })
            {
                var times = new List<double>();
                for (var run = 0; run < 5; run++)
                {
                    var stopwatch = Stopwatch.StartNew();
                    var rows = await app.Rows.RowsAsync(import.Id, status, new PageRequest(page, GridPageSize), ct);
                    times.Add(stopwatch.Elapsed.TotalMilliseconds);
                    Expect(rows.Items.Count == Math.Min(GridPageSize, Math.Max(0, first.TotalCount - ((page - 1) * GridPageSize))),
                        $"page {page} of {status?.ToString() ?? "All"} returned {rows.Items.Count} rows");
                }

                times.Sort();
                _grid.Add(($"{status?.ToString() ?? "All"} ({when}, {first.TotalCount:N0} rows)", $"{name} ({page:N0})", times[times.Count / 2], times[^1]));
            }
        }
    }

    private void ReportGrid()
    {
        foreach (var (filter, page, median, max) in _grid)
        {
            log.WriteLine($"  grid {filter,-40} {page,-18} median {median,7:F1} ms  max {max,7:F1} ms");
        }

        var worst = _grid.MaxBy(g => g.MedianMs);
        _report.Add($"Review grid page ({GridPageSize} rows; {_grid.Count} filter/page cases, median of 5 each, worst case)", $"≤ {GridGoalMs} ms",
            $"{BenchmarkReport.Millis(worst.MedianMs)} ({worst.Filter}, {worst.Page} page)", worst.MedianMs <= GridGoalMs);
    }

    /// <summary>
    /// Times <see cref="BenchmarkOptions.Edits"/> row edits, half on error rows and half on valid ones, or, with
    /// <paramref name="validOnly"/>, only valid rows given a new e-mail (the import's counts stay as they were).
    /// </summary>
    private async Task MeasureRevalidationAsync(InProcessApp app, int importId, bool validOnly, string ofWhat, CancellationToken ct)
    {
        var import = await app.History.GetAsync(importId, ct);
        var targets = new List<ImportRow>();
        if (!validOnly)
        {
            await CollectSpreadAsync(app, importId, RowStatus.Error, import.ErrorRows, options.Edits / 2, targets, ct);
        }

        await CollectSpreadAsync(app, importId, RowStatus.Valid, import.ValidRows, options.Edits - targets.Count, targets, ct);

        var times = new List<double>();
        foreach (var row in targets)
        {
            var change = Fix(row);
            var stopwatch = Stopwatch.StartNew();
            await app.Edits.EditRowAsync(importId, row.RowNumber, change, ct);
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        var p50 = times[times.Count / 2];
        var p95 = times[(int)Math.Ceiling(times.Count * 0.95) - 1];
        log.WriteLine($"Revalidation of {times.Count} edited rows{ofWhat}: p50 {p50:F1} ms, p95 {p95:F1} ms, max {times[^1]:F1} ms");
        _report.Add($"Revalidate one edited row{ofWhat}, p95 ({times.Count} edits of the {BenchmarkReport.Count(import.TotalRows)}-row import)", $"≤ {RevalidateGoalMs} ms",
            $"{BenchmarkReport.Millis(p95)} (p50 {BenchmarkReport.Millis(p50)}, max {BenchmarkReport.Millis(times[^1])})", p95 <= RevalidateGoalMs);
    }

    /// <summary>Rows of one status taken from pages spread over the whole import, not just its first page.</summary>
    private static async Task CollectSpreadAsync(InProcessApp app, int importId, RowStatus status, int total, int wanted, List<ImportRow> into, CancellationToken ct)
    {
        if (wanted <= 0 || total == 0)
        {
            return;
        }

        const int perPage = 5;
        var pages = Math.Max(1, total / perPage);
        var picks = (wanted + 1) / 2;
        var added = 0;
        for (var i = 0; i < picks && added < wanted; i++)
        {
            var page = 1 + (int)((long)i * (pages - 1) / Math.Max(1, picks - 1));
            var rows = await app.Rows.RowsAsync(importId, status, new PageRequest(page, perPage), ct);
            foreach (var row in rows.Items.Take(Math.Min(2, wanted - added)))
            {
                into.Add(row);
                added++;
            }
        }
    }

    /// <summary>The change an operator would make: fix the cell the first message names, or, on a valid row, change the e-mail.</summary>
    private static Dictionary<string, string?> Fix(ImportRow row)
    {
        var column = row.Messages.FirstOrDefault()?.Column;
        var value = column switch
        {
            ClientColumns.PhoneNumber => "(727) 555-0100",
            ClientColumns.Ssn => "123-45-6789",
            ClientColumns.DateOfBirth => "01/02/1985",
            ClientColumns.State => "FL",
            ClientColumns.Zip => "33755",
            ClientColumns.Ethnicity => "Hispanic or Latino",
            ClientColumns.LastName => "Fixed",
            ClientColumns.ClientId => "",
            _ => null,
        };
        return value is null
            ? new Dictionary<string, string?> { [ClientColumns.Email] = $"edited.{row.RowNumber}@example.org" }
            : new Dictionary<string, string?> { [column!] = value };
    }
}
