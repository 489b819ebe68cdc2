using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.App.Api;
using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Imports.Commit;

/// <summary>The commit's guarantees (issue 5): every row exactly one outcome, never written twice, results match the database.</summary>
public class CommitGuaranteeTests
{
    /// <summary>The engine the tests run on (a derived class per engine, <c>PostgreSql/PostgreSqlVariants.cs</c>).</summary>
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    private static async Task<int> CountClientsAsync(TestApp app, string prefix)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BulkImportDbContext>>().CreateDbContextAsync();
        return await db.Clients.CountAsync(c => c.FirstName == prefix);
    }

    private static async Task AssertResultsMatchDatabaseAsync(TestApp app, ApiClient api, ImportSummary import)
    {
        var results = (await api.ResultsAsync(import.Id)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        results.Should().HaveCount(import.TotalRows);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BulkImportDbContext>>().CreateDbContextAsync();
        var rows = await ShownRows.LoadAsync(db, import.Id);
        for (var i = 0; i < rows.Count; i++)
        {
            var fields = results[i].Split(',');
            fields[0].Should().Be(rows[i].RowNumber.ToString());
            // SPEC 18: a Valid row the commit never reached reads "Not imported", with the action it would have had;
            // "Skipped" is left to blank rows and rows a person skipped.
            var (status, action) = rows[i].Status switch
            {
                RowStatus.Success => ("Success", rows[i].Action.ToString()),
                RowStatus.Failed => ("Failed", rows[i].Action.ToString()),
                RowStatus.Error => ("Failed", ""),
                RowStatus.Valid => ("Not imported", rows[i].Action.ToString()),
                _ => ("Skipped", ""),
            };
            fields[1].Should().Be(status);
            fields[2].Should().Be(action);
            fields[3].Should().Be(rows[i].RecordId?.ToString() ?? "");
        }
    }

    [Fact]
    public async Task A_failed_commit_is_replayed_until_done_and_no_row_is_ever_written_twice()
    {
        using var app = new TestApp(new() { ["Commit:FailAfterRows"] = "250", ["Import:CommitBatchSize"] = "100" }, engine: Engine);
        var importer = await app.ApiAsync(Roles.Importer);
        var support = await app.ApiAsync(Roles.Support);
        var import = await importer.ImportAsync(CsvFiles.NewClients(1000, "Replay"), operation: "Add");
        import.ValidRows.Should().Be(1000);

        var failed = await importer.CommitAndWaitAsync(import.Id);
        failed.Status.Should().Be(ImportStatus.CommitFailed);
        failed.FailureReason.Should().Contain("Commit:FailAfterRows");
        failed.ProcessedRows.Should().Be(300);
        failed.Inserted.Should().Be(300);
        (await CountClientsAsync(app, "Replay")).Should().Be(300);

        var replays = 0;
        while (failed.Status == ImportStatus.CommitFailed)
        {
            var replay = await support.Http.PostAsync($"/api/imports/{import.Id}/replay", null);
            replay.StatusCode.Should().Be(HttpStatusCode.Accepted);
            failed = await support.WaitForAsync(import.Id, s => s.Status.IsFinal());
            replays++;
        }

        replays.Should().Be(3);
        failed.Status.Should().Be(ImportStatus.Committed);
        failed.ReplayedBy.Should().Be("support@bulkimport.local");
        failed.ReplayedAt.Should().NotBeNull();
        failed.Inserted.Should().Be(1000);
        failed.ProcessedRows.Should().Be(1000);
        (await CountClientsAsync(app, "Replay")).Should().Be(1000);
        await AssertResultsMatchDatabaseAsync(app, importer, failed);
    }

    [Fact]
    public async Task Two_commit_requests_at_once_queue_one_commit()
    {
        using var app = new TestApp(engine: Engine);
        var api = await app.ApiAsync(Roles.Importer);
        var import = await api.ImportAsync(CsvFiles.NewClients(50, "Twice"), operation: "Add");
        var answers = await Task.WhenAll(
            api.Http.PostAsync($"/api/imports/{import.Id}/commit", null),
            api.Http.PostAsync($"/api/imports/{import.Id}/commit", null));
        answers.Select(a => a.StatusCode).Should().BeEquivalentTo([HttpStatusCode.Accepted, HttpStatusCode.Conflict]);
        var done = await api.WaitForAsync(import.Id, s => s.Status.IsFinal());
        done.Inserted.Should().Be(50);
        (await CountClientsAsync(app, "Twice")).Should().Be(50);
    }

    [Fact]
    public async Task Every_row_ends_in_exactly_one_outcome_and_the_counts_add_up()
    {
        using var app = new TestApp(engine: Engine);
        var api = await app.ApiAsync(Roles.Importer);
        var csv = "Client ID,First Name,Last Name\n,Ok,One\n999,Bad,Id\n\n1,Marco,Lee\n,Ok,Two\n";
        var import = await api.ImportAsync(csv, operation: "AddUpdate");
        import.TotalRows.Should().Be(import.ValidRows + import.ErrorRows + import.SkippedRows);
        var done = await api.CommitAndWaitAsync(import.Id);
        done.Status.Should().Be(ImportStatus.Committed);
        (done.Inserted + done.Updated + done.Failed).Should().Be(done.ValidRows);
        done.ProcessedRows.Should().Be(done.ValidRows);
        await AssertResultsMatchDatabaseAsync(app, api, done);
    }

    [Fact]
    public async Task Cancel_stops_at_a_batch_boundary_and_keeps_what_was_committed()
    {
        using var app = new TestApp(new() { ["Import:CommitBatchSize"] = "20" }, engine: Engine);
        var importer = await app.ApiAsync(Roles.Importer);
        var supervisor = await app.ApiAsync(Roles.Supervisor);
        var import = await importer.ImportAsync(CsvFiles.NewClients(2_000, "Cancel"), operation: "Add");
        // The commit publishes its progress after each batch, on its own thread and outside the batch's transaction: this
        // viewer holds it there after the first batch until the cancel is in, so a fast machine cannot finish first.
        using var cancelled = new ManualResetEventSlim();
        using var hold = app.Services.GetRequiredService<ImportProgressFeed>().Subscribe(import.Id, progress =>
        {
            if (progress.Status == ImportStatus.Committing && progress.ProcessedRows > 0)
            {
                cancelled.Wait(TimeSpan.FromSeconds(30));
            }
        });
        (await importer.Http.PostAsync($"/api/imports/{import.Id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await importer.WaitForAsync(import.Id, s => s.ProcessedRows > 0 || s.Status.IsFinal());

        var cancel = await supervisor.Http.PostAsync($"/api/imports/{import.Id}/cancel", null);
        cancelled.Set();
        cancel.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var done = await importer.WaitForAsync(import.Id, s => s.Status.IsFinal());

        done.Status.Should().Be(ImportStatus.Cancelled);
        done.CancelledBy.Should().Be("supervisor@bulkimport.local");
        done.ProcessedRows.Should().Be(20, "cancellation takes effect at the next batch boundary, after the first batch here");
        (await CountClientsAsync(app, "Cancel")).Should().Be(done.Inserted);
        await AssertResultsMatchDatabaseAsync(app, importer, done);
        var lines = (await importer.ResultsAsync(import.Id)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        lines.Where(l => l.Contains(",Not imported,")).Should().HaveCount(2_000 - 20)
            .And.AllSatisfy(l => l.Should().EndWith(",Not imported,Insert,,The import was cancelled before this row was committed."));
        lines.Should().NotContain(l => l.Contains(",Skipped,"), "no row of this file is blank or was skipped by a person");
    }

    [Fact]
    public async Task A_commit_that_fails_records_the_reason_and_leaves_no_half_written_batch()
    {
        using var app = new TestApp(new() { ["Commit:FailAfterRows"] = "1", ["Import:CommitBatchSize"] = "7" }, engine: Engine);
        var api = await app.ApiAsync(Roles.Importer);
        var import = await api.ImportAsync(CsvFiles.NewClients(30, "Half"), operation: "Add");
        var failed = await api.CommitAndWaitAsync(import.Id);
        failed.Status.Should().Be(ImportStatus.CommitFailed);
        failed.FailureReason.Should().StartWith("The commit stopped:");
        failed.ProcessedRows.Should().Be(7);
        (await CountClientsAsync(app, "Half")).Should().Be(7);
        await AssertResultsMatchDatabaseAsync(app, api, failed);
    }

    [Fact]
    public async Task Only_support_and_admin_can_replay_and_only_a_failed_or_cancelled_import()
    {
        using var app = new TestApp(engine: Engine);
        var importer = await app.ApiAsync(Roles.Importer);
        var support = await app.ApiAsync(Roles.Support);
        var import = await importer.ImportAsync(CsvFiles.NewClients(3, "Rule"), operation: "Add");
        (await importer.Http.PostAsync($"/api/imports/{import.Id}/replay", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var notFailed = await support.Http.PostAsync($"/api/imports/{import.Id}/replay", null);
        notFailed.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await notFailed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("only a CommitFailed or Cancelled import can be replayed");
    }
}
