using System.Net;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Imports.Commit;

/// <summary>
/// The crash test of issue 5: the real app as a child process, killed with SIGKILL mid-commit, started again,
/// replayed; every row is committed exactly once and the results file equals the database.
/// </summary>
public class CrashRecoveryTests
{
    /// <summary>The engine the tests run on (a derived class per engine, <c>PostgreSql/PostgreSqlVariants.cs</c>).</summary>
    protected virtual TestEngine Engine => TestEngine.Sqlite;

    protected const int Rows = 60_000;

    [Fact]
    public async Task A_process_killed_mid_commit_is_marked_interrupted_and_a_replay_commits_every_row_exactly_once()
    {
        await using var app = new AppProcess(new() { ["Import:CommitBatchSize"] = "25" }, Engine);
        await app.StartAsync();
        var importer = await app.ApiAsync(Roles.Importer);
        var import = await importer.ImportAsync(CsvFiles.NewClients(Rows, "Crash"), operation: "Add");
        import.ValidRows.Should().Be(Rows);

        (await importer.Http.PostAsync($"/api/imports/{import.Id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var running = await importer.WaitForAsync(import.Id, s => s.ProcessedRows > 0 || s.Status.IsFinal());
        running.Status.Should().Be(ImportStatus.Committing, "the file must be large enough to still be committing");
        await app.KillAsync();

        await app.StartAsync();
        var support = await app.ApiAsync(Roles.Support);
        var done = await AfterRestartAsync(app, support, import.Id);
        done.Status.Should().Be(ImportStatus.Committed);
        done.Inserted.Should().Be(Rows);
        done.ProcessedRows.Should().Be(Rows);
        CountClients(app).Should().Be(Rows);
        CountDistinctRecordIds(app, import.Id).Should().Be(Rows);

        var results = (await support.ResultsAsync(import.Id)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        results.Should().HaveCount(Rows);
        results.Should().OnlyContain(line => line.Contains(",Success,Insert,"));
    }

    /// <summary>
    /// One instance on its SQLite file, restarted: the interrupted commit is CommitFailed until a person replays it
    /// (Commit:ResumeInterruptedOnStartup is off by default). Returns the import once the replay has ended.
    /// </summary>
    protected virtual async Task<ImportSummary> AfterRestartAsync(AppProcess app, ApiClient support, int importId)
    {
        var interrupted = await support.GetAsync(importId);
        interrupted.Status.Should().Be(ImportStatus.CommitFailed);
        interrupted.FailureReason.Should().Contain("interrupted");
        interrupted.ProcessedRows.Should().BeGreaterThan(0).And.BeLessThan(Rows);
        CountClients(app).Should().Be(interrupted.Inserted, "rows committed before the kill stay committed and are marked so");

        (await support.Http.PostAsync($"/api/imports/{importId}/replay", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        return await support.WaitForAsync(importId, s => s.Status.IsFinal(), timeoutSeconds: 120);
    }

    protected static long CountClients(AppProcess app)
    {
        using var connection = app.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT COUNT(*) FROM "Clients" WHERE "FirstName" = 'Crash'""";
        return (long)command.ExecuteScalar()!;
    }

    private static long CountDistinctRecordIds(AppProcess app, int importId)
    {
        using var connection = app.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT COUNT(DISTINCT "RecordId") FROM "ImportRowResults" WHERE "ImportId" = {importId} AND "Status" = {(int)RowStatus.Success}""";
        return (long)command.ExecuteScalar()!;
    }
}
