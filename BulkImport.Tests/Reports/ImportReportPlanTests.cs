using BulkImport.Core.Imports;
using BulkImport.Core.Reports;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Reports;

/// <summary>
/// View Results (SPEC 18) reads the rows not imported from indexes alone: the staged rows' part (Error rows and rows a
/// person skipped, not blank rows) from the not-Valid index, which holds the skip flag, merged in row order with the
/// failed results. Without the flag in the index SQLite walked every row of the import for each page and each count
/// (0.7-1.0 s a page at 50,000 such rows in a million). Asserted on SQLite's plan, so the test does not depend on the
/// machine's speed.
/// </summary>
public sealed class ImportReportPlanTests
{
    private static Import InReview => new() { Id = 1, Domain = new Domain("Client"), FileName = "a.csv", StoredFileName = "a.csv", CreatedBy = "importer", Status = ImportStatus.ReadyForReview };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_page_of_the_rows_not_imported_reads_the_staged_rows_from_the_not_valid_index_alone_and_sorts_nothing(bool fromTheEnd)
    {
        await using var app = new TestApp();
        await app.ApiAsync();
        await using var db = app.CreateDbContext();
        var numbers = await ImportReports.NotImportedQueryAsync(db, InReview, notReached: true, CancellationToken.None);
        var page = (fromTheEnd ? numbers.OrderByDescending(n => n) : numbers.OrderBy(n => n)).Skip(4_900).Take(100);

        var plan = await SqlitePlan.OfAsync(app.ConnectionString, page.ToQueryString());

        var shown = string.Join(" | ", plan);
        plan.Should().Contain(step => step.Contains("USING COVERING INDEX IX_ImportRows_NotValid", StringComparison.Ordinal), $"the plan: {shown}");
        // The staged rows' table is searched by the import alone when it is read: (ImportId=?) with no status, unlike the results'.
        plan.Should().NotContain(step => step.EndsWith("USING PRIMARY KEY (ImportId=?)", StringComparison.Ordinal), $"no staged row is read; the plan: {shown}");
        plan.Should().NotContain(step => step.Contains("TEMP B-TREE", StringComparison.Ordinal), $"the indexes give the row order; the plan: {shown}");
    }

    [Fact]
    public async Task The_blank_rows_are_counted_in_the_not_valid_index_alone()
    {
        await using var app = new TestApp();
        await app.ApiAsync();
        await using var db = app.CreateDbContext();

        var plan = await SqlitePlan.OfAsync(app.ConnectionString, ImportReports.BlankRows(db, 1).Select(r => r.RowNumber).ToQueryString());

        plan.Should().ContainSingle().Which.Should().Contain("USING COVERING INDEX IX_ImportRows_NotValid");
    }
}
