using System.Data.Common;

namespace BulkImport.Core.Data;

/// <summary>
/// Keeps the before-images of the records a commit batch's Update rows are about to change (SPEC 21), in the batch's
/// transaction. Most arrive read a batch ahead (<see cref="BeforeImageReader"/>) and are kept with one row per batch
/// (<see cref="Keep(BatchBeforeImages)"/>). The others (a record the read-ahead did not find, or one changed since it
/// read it) are gathered with <see cref="Add"/> and kept by ONE statement (<see cref="KeepAdded"/>) that copies the
/// previous values of the cells each row changes (its non-blank cells, a bit each in <c>Changed</c>) and the lineage
/// the record had, inside the database.
/// </summary>
/// <remarks>The JSON functions are the engine's (<see cref="DatabaseEngine.Json"/>: json_each and json_array on SQLite, jsonb_array_elements and jsonb_build_array on PostgreSQL).</remarks>
public sealed class BeforeImageWriter : IDisposable
{
    private readonly int _importId;
    private readonly DbConnection _connection;
    private readonly PreparedStatement _copy;
    private readonly BeforeImageKeys _keys;
    private PreparedStatement? _keepBatch;

    /// <param name="table">The record table (Clients, ClientAssignments).</param>
    /// <param name="recordId">Its ID column, kept as the image's RecordId.</param>
    /// <param name="columns">The stored columns an Update row may change, in the order of the row's mask bits.</param>
    /// <param name="keyColumns">The columns that find the record, given in this order to <see cref="Add"/>.</param>
    public BeforeImageWriter(DbConnection connection, int importId, string table, string recordId, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns)
    {
        if (columns.Count > 62)
        {
            throw new ArgumentException("A before-image keeps at most 62 columns (one bit each in Changed).", nameof(columns));
        }

        _importId = importId;
        _connection = connection;
        _keys = new BeforeImageKeys(keyColumns.Count);
        var engine = DatabaseEngine.Of(connection);
        var (with, from) = BeforeImageKeys.Sql(engine, "?2", table, keyColumns);
        var cells = columns.Select((c, i) => $"CASE WHEN b.\"Changed\" & {1L << i} <> 0 THEN t.\"{c}\" END");
        _copy = engine.Prepare(connection, with +
            "INSERT INTO \"ImportBeforeImages\" (\"ImportId\", \"RowNumber\", \"RecordId\", \"Changed\", \"OldValues\", \"PreviousImportId\", \"PreviousImportRow\") " +
            $"SELECT ?1, b.\"RowNumber\", t.\"{recordId}\", b.\"Changed\", {engine.Json.ArrayOf(cells)}, t.\"LastImportId\", t.\"LastImportRow\" {from}");
    }

    /// <summary>
    /// Adds an Update row whose image was not read ahead: the cells of <paramref name="changed"/> (bit i: column i) of
    /// the record found by <paramref name="key"/> are kept by the next <see cref="KeepAdded"/>; nothing when the record
    /// does not exist.
    /// </summary>
    public void Add(int rowNumber, long changed, ReadOnlySpan<long> key) => _keys.Add(rowNumber, changed, key);

    /// <summary>Keeps the before-images of the rows added since the last call, in one statement; call it before their updates.</summary>
    public void KeepAdded()
    {
        if (_keys.Rows == 0)
        {
            return;
        }

        _copy.Bind(1, _importId);
        _copy.BindUtf8(2, _keys.Json());
        _copy.Execute();
        _keys.Clear();
    }

    /// <summary>Keeps the images read ahead for the batch, as one row.</summary>
    public void Keep(BatchBeforeImages images)
    {
        if (images.Rows == 0)
        {
            return;
        }

        _keepBatch ??= DatabaseEngine.Of(_connection).Prepare(_connection,
            "INSERT INTO \"ImportBeforeImageBatches\" (\"ImportId\", \"FirstRow\", \"LastRow\", \"Rows\", \"Images\") VALUES (?1, ?2, ?3, ?4, ?5)");
        _keepBatch.Bind(1, _importId);
        _keepBatch.Bind(2, images.FirstRow);
        _keepBatch.Bind(3, images.LastRow);
        _keepBatch.Bind(4, images.Rows);
        _keepBatch.BindBlob(5, images.Images);
        _keepBatch.Execute();
    }

    public void Dispose()
    {
        _copy.Dispose();
        _keepBatch?.Dispose();
    }
}
