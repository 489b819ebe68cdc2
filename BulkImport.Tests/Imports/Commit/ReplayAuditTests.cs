using System.Net;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Imports.Commit;

/// <summary>A replay writes records again: who asked for it is in the audit table (issue 15).</summary>
public sealed class ReplayAuditTests
{
    [Fact]
    public async Task A_replay_is_audited_with_who_when_and_how_far_the_import_had_got_and_a_refused_one_is_not()
    {
        using var app = new TestApp(new() { ["Commit:FailAfterRows"] = "10", ["Import:CommitBatchSize"] = "10" });
        var importer = await app.ApiAsync(Roles.Importer);
        var support = await app.ApiAsync(Roles.Support);
        var import = await importer.ImportAsync(CsvFiles.NewClients(15, "Audit"), operation: "Add");
        (await importer.CommitAndWaitAsync(import.Id)).Status.Should().Be(ImportStatus.CommitFailed);

        (await support.Http.PostAsync($"/api/imports/{import.Id}/replay", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await support.WaitForAsync(import.Id, s => s.Status.IsFinal());
        (await support.Http.PostAsync($"/api/imports/{import.Id}/replay", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);

        await using var db = app.CreateDbContext();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.ImportReplayed);
        entry.User.Should().Be(TestApp.DemoUser(Roles.Support).Email);
        entry.Detail.Should().Be($"Import {import.Id} (CommitFailed): 10 of 15 valid rows were committed before the replay");
        entry.At.Should().BeCloseTo(DateTime.UtcNow, TimeSpan.FromMinutes(5));
    }
}
