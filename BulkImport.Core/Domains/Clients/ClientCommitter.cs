using System.Data.Common;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains.Clients;

/// <summary>
/// Writes Client rows with two prepared commands: an insert that returns the new Client ID, and an update that
/// changes only the cells that are not blank (COALESCE keeps the stored value for a blank cell).
/// </summary>
public sealed class ClientCommitter : IDomainCommitter
{
    private DbCommand? _insert;
    private DbCommand? _update;

    public async Task<IReadOnlyList<RowOutcome>> CommitBatchAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<CommitRow> rows, CancellationToken ct)
    {
        _insert ??= CreateInsert(connection);
        _update ??= CreateUpdate(connection);
        _insert.Transaction = transaction;
        _update.Transaction = transaction;

        var outcomes = new RowOutcome[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.Action == RowAction.Insert)
            {
                Bind(_insert, row.Values);
                var id = Convert.ToInt64(await _insert.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
                outcomes[r] = RowOutcome.Succeeded(row.RowNumber, RowAction.Insert, id);
            }
            else
            {
                var id = long.Parse(row.Values[0]!, System.Globalization.CultureInfo.InvariantCulture);
                Bind(_update, row.Values);
                _update.Parameters[^1].Value = id;
                var changed = await _update.ExecuteNonQueryAsync(ct);
                outcomes[r] = changed == 1
                    ? RowOutcome.Succeeded(row.RowNumber, RowAction.Update, id)
                    : RowOutcome.FailedWith(row.RowNumber, RowAction.Update, $"Client ID {id} no longer exists; it was removed after the file was validated.");
            }
        }

        return outcomes;
    }

    private static void Bind(DbCommand command, string?[] values)
    {
        for (var i = 0; i < ClientColumns.Stored.Count; i++)
        {
            var value = values[i + 1];
            command.Parameters[i].Value = string.IsNullOrEmpty(value) ? DBNull.Value : value;
        }
    }

    private static DbCommand CreateInsert(DbConnection connection)
    {
        var columns = string.Join(", ", ClientColumns.Stored.Select(s => s.Property));
        var parameters = string.Join(", ", ClientColumns.Stored.Select((_, i) => "@p" + i));
        return Prepare(connection, $"INSERT INTO Clients ({columns}) VALUES ({parameters}) RETURNING ClientId", withId: false);
    }

    private static DbCommand CreateUpdate(DbConnection connection)
    {
        var sets = string.Join(", ", ClientColumns.Stored.Select((s, i) => $"{s.Property} = COALESCE(@p{i}, {s.Property})"));
        return Prepare(connection, $"UPDATE Clients SET {sets} WHERE ClientId = @id", withId: true);
    }

    private static DbCommand Prepare(DbConnection connection, string sql, bool withId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < ClientColumns.Stored.Count; i++)
        {
            var p = command.CreateParameter();
            p.ParameterName = "@p" + i;
            p.Value = DBNull.Value;
            command.Parameters.Add(p);
        }

        if (withId)
        {
            var id = command.CreateParameter();
            id.ParameterName = "@id";
            id.Value = 0L;
            command.Parameters.Add(id);
        }

        return command;
    }

    public void Dispose()
    {
        _insert?.Dispose();
        _update?.Dispose();
    }
}
