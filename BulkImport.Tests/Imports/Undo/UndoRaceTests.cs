using System.Net;
using System.Text;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Undo;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace BulkImport.Tests.Imports.Undo;

/// <summary>
/// Issue 22's race: an undo running while a new import updates the same clients. Each client ends either restored (every
/// cell the undone import changed is back, and the new import's cell on top) or kept with the reason naming the new
/// import (every cell as the new import left it), never half-restored.
/// </summary>
public sealed class UndoRaceTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Clients = 600;
    private const string Header = "Client ID,First Name,Last Name,Email,Phone Number,City";

    // Small batches, so the undo and the commit take many turns at the database and meet in the middle.
    private readonly TestApp _app = new(new() { ["Import:CommitBatchSize"] = "5" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Each_client_an_undo_races_a_new_import_for_ends_restored_or_kept_with_the_reason_never_half_restored()
    {
        var importer = await _app.ApiAsync(Roles.Importer);
        var support = await _app.ApiAsync(Roles.Support);
        var added = await importer.ImportAsync(CsvFiles.NewClients(Clients, "Race"), operation: "Add");
        (await importer.CommitAndWaitAsync(added.Id)).Inserted.Should().Be(Clients);
        var ids = Ids();
        ids.Should().HaveCount(Clients);
        var before = Cells(ids);

        // The import to undo changes two cells of every client; the racing one changes one of them and a third, walking
        // the clients backwards while the undo walks them forwards.
        var undone = await importer.ImportAsync(File(ids, id => $"{id},,,,(813) 555-{id % 10000:D4},Town {id}"), operation: "Update");
        (await importer.CommitAndWaitAsync(undone.Id)).Updated.Should().Be(Clients);
        var racing = await importer.ImportAsync(File(ids.AsEnumerable().Reverse(), id => $"{id},,,race{id}@example.org,,Race Town {id}"), operation: "Update");
        racing.ValidRows.Should().Be(Clients);

        (await importer.Http.PostAsync($"/api/imports/{racing.Id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await support.Http.PostAsync($"/api/imports/{undone.Id}/undo", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var undo = await support.WaitForAsync(undone.Id, s => s.Status is ImportStatus.Undone or ImportStatus.UndoFailed, timeoutSeconds: 300);
        var commit = await importer.WaitForAsync(racing.Id, s => s.Status.IsFinal(), timeoutSeconds: 300);

        undo.Status.Should().Be(ImportStatus.Undone, undo.FailureReason);
        commit.Status.Should().Be(ImportStatus.Committed);
        commit.Updated.Should().Be(Clients);
        (undo.UndoneRows + undo.KeptRows).Should().Be(Clients);
        output.WriteLine($"{undo.UndoneRows} clients restored, {undo.KeptRows} kept");

        var results = UndoResults(undone.Id);
        results.Should().HaveCount(Clients);
        var after = Cells(ids);
        foreach (var id in ids)
        {
            var (status, reason) = results[id];
            // The racing import's cells and lineage are never undone: it changed the client after the restore, or the
            // client was kept as it left it.
            (after[id].Email, after[id].City, after[id].LastImportId).Should().Be(($"race{id}@example.org", $"Race Town {id}", racing.Id), $"client {id} keeps the racing import's change");
            if (status == UndoStatus.Undone)
            {
                after[id].Phone.Should().Be(before[id].Phone, $"client {id} was restored, so the cell only the undone import changed is back");
            }
            else
            {
                after[id].Phone.Should().Be($"(813) 555-{id % 10000:D4}", $"client {id} was kept, so it stays as the racing import left it");
                reason.Should().Contain($"changed by import {racing.Id}");
            }
        }
    }

    private static string File(IEnumerable<long> ids, Func<long, string> row)
    {
        var csv = new StringBuilder(Header).Append('\n');
        foreach (var id in ids)
        {
            csv.Append(row(id)).Append('\n');
        }

        return csv.ToString();
    }

    private List<long> Ids()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ClientId FROM Clients WHERE FirstName = 'Race' ORDER BY ClientId";
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private Dictionary<long, (string? Email, string? Phone, string? City, long? LastImportId)> Cells(List<long> ids)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT ClientId, Email, PhoneNumber, City, LastImportId FROM Clients WHERE ClientId BETWEEN {ids[0]} AND {ids[^1]}";
        using var reader = command.ExecuteReader();
        var cells = new Dictionary<long, (string?, string?, string?, long?)>();
        while (reader.Read())
        {
            cells[reader.GetInt64(0)] = (Text(reader, 1), Text(reader, 2), Text(reader, 3), reader.IsDBNull(4) ? null : reader.GetInt64(4));
        }

        return cells;
    }

    private Dictionary<long, (UndoStatus Status, string? Reason)> UndoResults(int importId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT RecordId, Status, Reason FROM ImportUndoResults WHERE ImportId = {importId}";
        using var reader = command.ExecuteReader();
        var results = new Dictionary<long, (UndoStatus, string?)>();
        while (reader.Read())
        {
            results[reader.GetInt64(0)] = ((UndoStatus)reader.GetInt32(1), Text(reader, 2));
        }

        return results;
    }

    private static string? Text(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_app.ConnectionString);
        connection.Open();
        return connection;
    }
}
