using System.Net;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Npgsql;

namespace BulkImport.Tests.PostgreSql;

/// <summary>
/// An undo while another import adds a dependant on PostgreSQL, where writers run side by side (SPEC 21: a client a
/// later import gave an assignment is kept). The other import's transaction is held open by the test, so the undo meets
/// it mid-way every time: the client must be kept with the assignment, not deleted with it by the foreign key's cascade
/// once that transaction commits (an outside audit found it deleted).
/// </summary>
[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class UndoBesideACommitTests : IAsyncLifetime
{
    private readonly TestApp _app = new(engine: TestEngine.PostgreSql);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_client_given_an_assignment_while_its_import_is_undone_is_kept_with_it()
    {
        var importer = await _app.ApiAsync(Roles.Importer);
        var support = await _app.ApiAsync(Roles.Support);
        var added = await importer.ImportAsync("First Name,Last Name\nAda,Race\n", operation: "Add");
        (await importer.CommitAndWaitAsync(added.Id)).Inserted.Should().Be(1);
        var clientId = (await importer.RowsAsync(added.Id)).Items.Single().RecordId!.Value;

        // Another import's commit batch, adding an assignment for the client, not yet committed.
        await using var other = new NpgsqlConnection(_app.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var insert = other.CreateCommand())
        {
            insert.CommandText = """
                INSERT INTO "ClientAssignments" ("ClientId", "CourseId", "SectionId")
                SELECT @client, s."CourseId", s."SectionId" FROM "Sections" s ORDER BY s."SectionId" LIMIT 1
                """;
            insert.Parameters.AddWithValue("client", (int)clientId);
            (await insert.ExecuteNonQueryAsync()).Should().Be(1);
        }

        (await support.Http.PostAsync($"/api/imports/{added.Id}/undo", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await Eventually.TrueAsync(() => UndoWaitsForALockAsync(other.ProcessID), "the undo reaches the client the other import holds");
        await transaction.CommitAsync();

        var undone = await support.WaitForAsync(added.Id, s => s.Status is ImportStatus.Undone or ImportStatus.UndoFailed);
        undone.Status.Should().Be(ImportStatus.Undone, undone.FailureReason);
        (undone.UndoneRows, undone.KeptRows).Should().Be((0, 1));
        (await CountAsync($"""SELECT count(*) FROM "Clients" WHERE "ClientId" = {clientId}""")).Should().Be(1, "the client was given an assignment: it is kept");
        (await CountAsync($"""SELECT count(*) FROM "ClientAssignments" WHERE "ClientId" = {clientId}""")).Should().Be(1, "the other import's assignment is never deleted by an undo");
    }

    /// <summary>Whether a session of the app waits for a lock the test's open transaction (<paramref name="holder"/>) holds.</summary>
    private async Task<bool> UndoWaitsForALockAsync(int holder) =>
        await CountAsync($"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND {holder} = ANY(pg_blocking_pids(pid))") > 0;

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
