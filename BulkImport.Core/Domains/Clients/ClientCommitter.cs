using System.Data.Common;
using BulkImport.Core.Data;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains.Clients;

/// <summary>
/// Writes Client rows with prepared statements of the connection's engine: an insert (the database gives the new Client
/// ID), and an update that changes only the cells that are not blank (COALESCE keeps the stored value for a blank cell).
/// Both record the import and row as the client's lineage. An update keeps the before-image of the cells it changes
/// (SPEC 21): read a batch ahead (<see cref="CreateBeforeImageReader"/>) and kept as one row, with the update made only
/// while the client still has the lineage the image was read with; a client the read-ahead did not find, or that
/// changed since, has its image copied in this transaction before its update.
/// </summary>
public sealed class ClientCommitter(CommitSettings settings) : IDomainCommitter
{
    private static readonly int Lineage = ClientColumns.Stored.Count + 1;
    private static readonly string[] StoredColumns = [.. ClientColumns.Stored.Select(s => s.Property)];

    private PreparedStatement? _insert;
    private PreparedStatement? _update;
    private PreparedStatement? _updateIfUnchanged;
    private BeforeImageWriter? _beforeImages;

    public Task<IReadOnlyList<RowOutcome>> CommitBatchAsync(DbConnection connection, DbTransaction transaction, CommitBatch batch, CancellationToken ct)
    {
        var rows = batch.Rows;
        KeepBeforeImages(connection, batch);
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
                var id = ClientId(row);
                outcomes[r] = Update(connection, batch.Images, row, id)
                    ? RowOutcome.Succeeded(row.RowNumber, RowAction.Update, id)
                    : RowOutcome.FailedWith(row.RowNumber, RowAction.Update, $"Client ID {id} no longer exists; it was removed after the file was validated.", ClientColumns.ClientId);
            }
        }

        // New clients are written together (one COPY on PostgreSQL), before the batch records their results.
        _insert?.Flush();
        return Task.FromResult<IReadOnlyList<RowOutcome>>(outcomes);
    }

    /// <summary>
    /// Updates the row's client; false when it no longer exists. With an image read ahead, the update is made only if the
    /// client still has the lineage it was read with; if another import (or a row before in this batch) changed it since,
    /// its image is copied now, as it is, and the update made after.
    /// </summary>
    private bool Update(DbConnection connection, BatchBeforeImages? images, CommitRow row, long id)
    {
        if (images is not null && images.TryGetSeen(row.RowNumber, out var seen))
        {
            _updateIfUnchanged ??= CreateUpdate(connection, ifUnchanged: true);
            Bind(_updateIfUnchanged, row);
            _updateIfUnchanged.Bind(Lineage, id);
            BindLineage(_updateIfUnchanged, row, Lineage + 1);
            _updateIfUnchanged.Bind(Lineage + 3, seen.ImportId);
            _updateIfUnchanged.Bind(Lineage + 4, seen.Row);
            if (_updateIfUnchanged.Execute() == 1)
            {
                return true;
            }

            BeforeImages(connection).Add(row.RowNumber, ChangedCells(row), [id]);
            _beforeImages!.KeepAdded();
        }

        _update ??= CreateUpdate(connection, ifUnchanged: false);
        Bind(_update, row);
        _update.Bind(Lineage, id);
        BindLineage(_update, row, Lineage + 1);
        return _update.Execute() == 1;
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
    /// Keeps the images read ahead for the batch as one row, and copies with one statement those of the Update rows the
    /// read-ahead has none for, before any of them changes its client (nothing when
    /// <see cref="CommitSettings.KeepBeforeImages"/> is off, to measure what images cost).
    /// </summary>
    private void KeepBeforeImages(DbConnection connection, CommitBatch batch)
    {
        if (!settings.KeepBeforeImages)
        {
            return;
        }

        if (batch.Images is { } images)
        {
            BeforeImages(connection).Keep(images);
        }

        foreach (var row in batch.Rows)
        {
            if (row.Action != RowAction.Insert && batch.Images?.TryGetSeen(row.RowNumber, out _) != true)
            {
                BeforeImages(connection).Add(row.RowNumber, ChangedCells(row), [ClientId(row)]);
            }
        }

        _beforeImages?.KeepAdded();
    }

    private BeforeImageWriter BeforeImages(DbConnection connection) =>
        _beforeImages ??= new BeforeImageWriter(connection, settings.ImportId, "Clients", "ClientId", StoredColumns, ["ClientId"]);

    /// <summary>Reads the images of the Update rows that name a client (a possible duplicate resolved as Select names it only at the commit).</summary>
    public BeforeImageReader? CreateBeforeImageReader(DbConnection readConnection) =>
        settings.KeepBeforeImages ? new BeforeImageReader(readConnection, "Clients", "ClientId", StoredColumns, ["ClientId"], ImageOf) : null;

    private static bool ImageOf(CommitRow row, out long changed, Span<long> key)
    {
        changed = 0;
        if (row.Action == RowAction.Insert || row.IsBlank(0))
        {
            return false;
        }

        changed = ChangedCells(row);
        key[0] = ClientId(row);
        return true;
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

    /// <summary>
    /// The update; <paramref name="ifUnchanged"/> adds that the client still has the lineage bound at the next two
    /// parameters (-1 for none), the one its image was read with.
    /// </summary>
    private static PreparedStatement CreateUpdate(DbConnection connection, bool ifUnchanged)
    {
        var sets = string.Join(", ", ClientColumns.Stored.Select((s, i) => $"\"{s.Property}\" = COALESCE(?{i + 1}, \"{s.Property}\")"));
        var unchanged = ifUnchanged
            ? $" AND COALESCE(\"LastImportId\", {BatchBeforeImages.NoLineage}) = ?{Lineage + 3} AND COALESCE(\"LastImportRow\", {BatchBeforeImages.NoLineage}) = ?{Lineage + 4}"
            : "";
        return DatabaseEngine.Of(connection).Prepare(connection,
            $"UPDATE \"Clients\" SET {sets}, \"LastImportId\" = ?{Lineage + 1}, \"LastImportRow\" = ?{Lineage + 2} WHERE \"ClientId\" = ?{Lineage}{unchanged}");
    }

    public void Dispose()
    {
        _insert?.Dispose();
        _update?.Dispose();
        _updateIfUnchanged?.Dispose();
        _beforeImages?.Dispose();
    }
}
