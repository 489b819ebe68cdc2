using System.Data.Common;
using BulkImport.Core.Data;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains.Clients;

/// <summary>
/// Writes Client rows with two prepared statements of the connection's engine: an insert (the database gives the new
/// Client ID), and an update that changes only the cells that are not blank (COALESCE keeps the stored value for a blank cell).
/// </summary>
public sealed class ClientCommitter : IDomainCommitter
{
    private PreparedStatement? _insert;
    private PreparedStatement? _update;

    public Task<IReadOnlyList<RowOutcome>> CommitBatchAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<CommitRow> rows, CancellationToken ct)
    {
        var outcomes = new RowOutcome[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.Action == RowAction.Insert)
            {
                _insert ??= CreateInsert(connection);
                Bind(_insert, row);
                outcomes[r] = RowOutcome.Succeeded(row.RowNumber, RowAction.Insert, _insert.ExecuteInsert());
            }
            else
            {
                _update ??= CreateUpdate(connection);
                var id = long.Parse(row.Utf8(0), provider: System.Globalization.CultureInfo.InvariantCulture);
                Bind(_update, row);
                _update.Bind(ClientColumns.Stored.Count + 1, id);
                outcomes[r] = _update.Execute() == 1
                    ? RowOutcome.Succeeded(row.RowNumber, RowAction.Update, id)
                    : RowOutcome.FailedWith(row.RowNumber, RowAction.Update, $"Client ID {id} no longer exists; it was removed after the file was validated.");
            }
        }

        // New clients are written together (one COPY on PostgreSQL), before the batch records their results.
        _insert?.Flush();
        return Task.FromResult<IReadOnlyList<RowOutcome>>(outcomes);
    }

    /// <summary>Binds the stored columns (the values after the Client ID) as UTF-8; a blank cell binds NULL, as the record tables store it.</summary>
    private static void Bind(PreparedStatement statement, CommitRow row)
    {
        for (var i = 0; i < ClientColumns.Stored.Count; i++)
        {
            if (row.IsBlank(i + 1))
            {
                statement.Bind(i + 1, (string?)null);
            }
            else
            {
                statement.BindUtf8(i + 1, row.Utf8(i + 1));
            }
        }
    }

    private static PreparedStatement CreateInsert(DbConnection connection) =>
        DatabaseEngine.Of(connection).PrepareAppend(connection, "Clients", [.. ClientColumns.Stored.Select(s => s.Property)], "ClientId");

    private static PreparedStatement CreateUpdate(DbConnection connection)
    {
        var sets = string.Join(", ", ClientColumns.Stored.Select((s, i) => $"\"{s.Property}\" = COALESCE(?{i + 1}, \"{s.Property}\")"));
        return DatabaseEngine.Of(connection).Prepare(connection, $"UPDATE \"Clients\" SET {sets} WHERE \"ClientId\" = ?{ClientColumns.Stored.Count + 1}");
    }

    public void Dispose()
    {
        _insert?.Dispose();
        _update?.Dispose();
    }
}
