using System.Net;
using System.Net.Http.Json;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.PostgreSql;

/// <summary>
/// Issue 23, bad input "PostgreSQL lost during a commit": the real app as a child process on a database of its own,
/// whose connections are cut mid-commit and refused for a while (what the app sees of a stopped server, without
/// stopping the server the other tests share). The commit ends CommitFailed with the reason once the database is back,
/// and a replay commits every row exactly once.
/// </summary>
[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class CommitOutageOnPostgreSqlTests
{
    private const int Rows = 20_000;

    [Fact]
    public async Task A_database_lost_mid_commit_ends_CommitFailed_with_the_reason_once_it_is_back_and_a_replay_commits_exactly_every_row()
    {
        await using var app = new AppProcess(new() { ["Import:CommitBatchSize"] = "25" }, TestEngine.PostgreSql);
        await app.StartAsync();
        var importer = await app.ApiAsync(Roles.Importer);
        var import = await importer.ImportAsync(CsvFiles.NewClients(Rows, "Outage"), operation: "Add");
        import.ValidRows.Should().Be(Rows);

        (await importer.Http.PostAsync($"/api/imports/{import.Id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var running = await importer.WaitForAsync(import.Id, s => s.ProcessedRows > 0 || s.Status.IsFinal());
        running.Status.Should().Be(ImportStatus.Committing, "the file must be large enough to still be committing");

        using (PostgreSqlServer.CutOff(app.ConnectionString))
        {
            // The commit broke, and recording its failure was refused too: the app waits for the database.
            await Eventually.TrueAsync(() => app.HasLogged("cannot be recorded yet"), "the app says the failure waits for the database", timeoutSeconds: 120);
        }

        var failed = await WaitAnsweringAsync(importer, import.Id, s => s.Status.IsFinal());
        failed.Status.Should().Be(ImportStatus.CommitFailed);
        failed.FailureReason.Should().StartWith("The commit stopped: ").And.EndWith("replay the import to continue.");
        failed.ProcessedRows.Should().BeGreaterThan(0).And.BeLessThan(Rows);
        CountClients(app).Should().Be(failed.Inserted, "rows committed before the loss stay committed and are counted");

        var support = await app.ApiAsync(Roles.Support);
        (await support.Http.PostAsync($"/api/imports/{import.Id}/replay", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var done = await WaitAnsweringAsync(support, import.Id, s => s.Status.IsFinal());
        done.Status.Should().Be(ImportStatus.Committed);
        done.Inserted.Should().Be(Rows);
        CountClients(app).Should().Be(Rows);
        CountDistinctRecordIds(app, import.Id).Should().Be(Rows);
    }

    /// <summary>
    /// Polls the summary until the condition holds; an answer other than 200 is polled again (a pooled connection the
    /// outage broke fails the request that draws it, once).
    /// </summary>
    private static async Task<ImportSummary> WaitAnsweringAsync(ApiClient api, int id, Func<ImportSummary, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(180);
        ImportSummary? last = null;
        while (true)
        {
            using var response = await api.Http.GetAsync($"/api/imports/{id}");
            if (response.IsSuccessStatusCode)
            {
                last = await response.Content.ReadFromJsonAsync<ImportSummary>(ApiClient.Json);
                if (last is not null && condition(last))
                {
                    return last;
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Import {id} did not reach the expected state; last seen {last?.Status} ({(int)response.StatusCode} last).");
            }

            await Task.Delay(50);
        }
    }

    private static long CountClients(AppProcess app)
    {
        using var connection = app.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT COUNT(*) FROM "Clients" WHERE "FirstName" = 'Outage'""";
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
