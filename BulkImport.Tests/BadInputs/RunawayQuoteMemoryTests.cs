using BulkImport.Core.Csv;
using BulkImport.Tests.Csv;

namespace BulkImport.Tests.BadInputs;

/// <summary>
/// BAD-INPUTS.md cases 24 and 43: the per-row memory cap. One quote that never closes must not turn a 200 MB file into
/// one 200 MB value: the reader stops at the row cap (<see cref="CsvLimits.MaxRecordBytes"/>, 1 MB), names the row
/// where the quote opened, and allocates a few megabytes whatever the size of the file (reading the quoted value to
/// its end would allocate hundreds). Allocations of this thread are counted, which no other test disturbs; speed is
/// not asserted (a loaded CI machine is slow, not wrong). Runs alone, like the other measuring tests.
/// </summary>
[Collection(nameof(CsvPerformanceCollection))]
public sealed class RunawayQuoteMemoryTests : IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"bulkimport-runaway-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(path);

    [Fact]
    public void Case24_a_runaway_quote_in_a_200_MB_file_stops_at_the_row_cap_with_bounded_memory()
    {
        RunawayQuoteFile.Write(path, 200L * 1024 * 1024);
        string[] template = ["Client ID", "First Name", "Last Name", "City"];

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var result = CsvTestFile.ReadFile(path, template, ["First Name"], new CsvLimits());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        result.Errors.Should().BeEmpty();
        result.Rows.Select(r => r.RowNumber).Should().Equal(2, 3);
        result.Failure!.Problem.Should().Be(new FileMessage(
            "Unterminated quote: row 4 (line 4) runs past 1 MB, the limit for one row, so a quoted value that opens on it probably never closes. Check for a missing closing quote (\") and upload again.",
            RunawayQuoteFile.QuoteRow));
        allocated.Should().BeLessThan(32L * 1024 * 1024,
            "the reader holds at most twice the row cap, not the 200 MB behind the quote (the byte scan reads the file in 64 KB chunks)");
    }
}
