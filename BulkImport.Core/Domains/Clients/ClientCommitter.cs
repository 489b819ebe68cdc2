using System.Data.Common;
using BulkImport.Core.Data;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains.Clients;

/// <summary>
/// Writes Client rows with two prepared statements of the connection's engine: an insert (the database gives the new
/// Client ID), and an update that changes only the cells that are not blank (COALESCE keeps the stored value for a blank
/// cell). Both record the import and row as the client's lineage, and an update first keeps the before-image of the
/// cells it changes (SPEC 21).
/// </summary>
public sealed class ClientCommitter(CommitSettings settings) : IDomainCommitter
{
    private static readonly int Lineage = ClientColumns.Stored.Count + 1;

    private PreparedStatement? _insert;
    private PreparedStatement? _update;
    private BeforeImageWriter? _beforeImages;

    public Task<IReadOnlyList<RowOutcome>> CommitBatchAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<CommitRow> rows, CancellationToken ct)
    {
        KeepBeforeImages(connection, rows);
        var outcomes = new RowOutcome[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            if (row.Action == RowAction.Insert)
            {
                _insert ??= CreateInsert(connection);
                Bind(_insert, row);
                BindLineage(_insert, row, Lineage);
                BindLineage(_insert, row, Lineage + 2);
                outcomes[r] = RowOutcome.Succeeded(row.RowNumber, RowAction.Insert, _insert.ExecuteInsert());
            }
            else
            {
                _update ??= CreateUpdate(connection);
                var id = ClientId(row);
                Bind(_update, row);
                _update.Bind(ClientColumns.Stored.Count + 1, id);
                BindLineage(_update, row, Lineage + 1);
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

    /// <summary>
    /// Keeps the before-images of the batch's Update rows with one statement, before any of them changes its client
    /// (skipped when <see cref="CommitSettings.KeepBeforeImages"/> is off, to measure what they cost).
    /// </summary>
    private void KeepBeforeImages(DbConnection connection, IReadOnlyList<CommitRow> rows)
    {
        if (!settings.KeepBeforeImages)
        {
            return;
        }

        foreach (var row in rows)
        {
            if (row.Action != RowAction.Insert)
            {
                _beforeImages ??= new BeforeImageWriter(connection, settings.ImportId, "Clients", "ClientId",
                    [.. ClientColumns.Stored.Select(s => s.Property)], ["ClientId"]);
                _beforeImages.Add(row.RowNumber, ChangedCells(row), [ClientId(row)]);
            }
        }

        _beforeImages?.KeepBatch();
    }

    private static long ClientId(CommitRow row) => long.Parse(row.Utf8(0), provider: System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The import and row, at <paramref name="first"/> and the next parameter.</summary>
    private void BindLineage(PreparedStatement statement, CommitRow row, int first)
    {
        statement.Bind(first, settings.ImportId);
        statement.Bind(first + 1, row.RowNumber);
    }

    /// <summary>The stored columns an update changes (its non-blank cells), a bit each.</summary>
    private static long ChangedCells(CommitRow row)
    {
        long changed = 0;
        for (var i = 0; i < ClientColumns.Stored.Count; i++)
        {
            if (!row.IsBlank(i + 1))
            {
                changed |= 1L << i;
            }
        }

        return changed;
    }

    /// <summary>The insert binds the import and row twice: as the client's creator and as its last import.</summary>
    private static PreparedStatement CreateInsert(DbConnection connection) =>
        DatabaseEngine.Of(connection).PrepareAppend(connection, "Clients",
            [.. ClientColumns.Stored.Select(s => s.Property), "CreatedByImportId", "CreatedByRow", "LastImportId", "LastImportRow"], "ClientId");

    private static PreparedStatement CreateUpdate(DbConnection connection)
    {
        var sets = string.Join(", ", ClientColumns.Stored.Select((s, i) => $"\"{s.Property}\" = COALESCE(?{i + 1}, \"{s.Property}\")"));
        return DatabaseEngine.Of(connection).Prepare(connection,
            $"UPDATE \"Clients\" SET {sets}, \"LastImportId\" = ?{Lineage + 1}, \"LastImportRow\" = ?{Lineage + 2} WHERE \"ClientId\" = ?{Lineage}");
    }

    public void Dispose()
    {
        _insert?.Dispose();
        _update?.Dispose();
        _beforeImages?.Dispose();
    }
}
