using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Undo;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Imports.Undo;

/// <summary>
/// The undo's confirmation counts the records a later import changed (SPEC 21) with one query per import. Each
/// committed row looks its record up by the record's key: a scan of the record table for every row made the count
/// quadratic, and the preview of a 34,000-row import did not answer in minutes. Asserted on SQLite's plan for the
/// query the app sends, so the test does not depend on the machine's speed.
/// </summary>
public sealed class UndoPreviewPlanTests
{
    [Theory]
    [InlineData("Client")]
    [InlineData("ClientAssignment")]
    [InlineData("Payment")]
    public async Task The_changed_since_count_looks_each_record_up_by_its_key_and_scans_no_table(string domain)
    {
        await using var app = new TestApp();
        await app.ApiAsync();
        await using var db = app.CreateDbContext();
        var query = UndoCommands.ChangedSince(db, new Import { Id = 1, Domain = new Domain(domain), FileName = "a.csv", StoredFileName = "a.csv", CreatedBy = "importer" })!;

        var plan = await SqlitePlan.OfAsync(app.ConnectionString, query.ToQueryString());

        plan.Should().NotContain(step => step.StartsWith("SCAN", StringComparison.Ordinal), $"every table is searched by a key, never read whole; the plan: {string.Join(" | ", plan)}");
        plan.Should().Contain(step => step.Contains("PRIMARY KEY", StringComparison.Ordinal));
    }
}
