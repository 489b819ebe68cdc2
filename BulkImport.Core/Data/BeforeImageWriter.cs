using System.Buffers;
using System.Buffers.Text;
using System.Data.Common;

namespace BulkImport.Core.Data;

/// <summary>
/// Keeps the before-images of the records a commit batch's Update rows are about to change (SPEC 21), in the batch's
/// transaction: the previous values of the cells each row changes (its non-blank cells, a bit each in <c>Changed</c>)
/// and the lineage the record had, so an undo can put back exactly those cells. Images read a batch ahead
/// (<see cref="BeforeImageReader"/>) are kept as one row (<see cref="Keep(BatchBeforeImages)"/>). The others (rows whose
/// record the read-ahead did not find, or found before it changed, and the rows of a committer that reads none ahead)
/// are gathered with <see cref="Add"/> and kept by ONE statement (<see cref="KeepAdded"/>) that joins the rows' keys,
/// passed as one JSON parameter, to the record table and copies the cells inside the database: per row there is neither
/// a statement nor anything read back (issue 22: one statement per row cost +90 % of the update commit's CPU).
/// </summary>
/// <remarks>The JSON functions are the engine's (<see cref="DatabaseEngine.Json"/>: json_each and json_array on SQLite, jsonb_array_elements and jsonb_build_array on PostgreSQL).</remarks>
public sealed class BeforeImageWriter : IDisposable
{
    private readonly int _importId;
    private readonly DbConnection _connection;
    private readonly PreparedStatement _keep;
    private PreparedStatement? _keepBatch;
    private readonly int _keyCount;
    private readonly ArrayBufferWriter<byte> _batch = new(64 * 1024);
    private int _rows;

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
        _keyCount = keyColumns.Count;
        // The batch is [[row, changed, key...], ...]; materialised once, so each row's fields are read from JSON once.
        var engine = DatabaseEngine.Of(connection);
        var json = engine.Json;
        var fields = string.Join(", ", keyColumns.Select((k, i) => $"{json.IntegerAt("e.value", i + 2)} AS k{i}"));
        var cells = columns.Select((c, i) => $"CASE WHEN b.\"Changed\" & {1L << i} <> 0 THEN t.\"{c}\" END");
        var join = string.Join(" AND ", keyColumns.Select((k, i) => $"t.\"{k}\" = b.k{i}"));
        _keep = engine.Prepare(connection,
            $"WITH b AS MATERIALIZED (SELECT {json.IntegerAt("e.value", 0)} AS \"RowNumber\", {json.IntegerAt("e.value", 1)} AS \"Changed\", {fields} FROM {json.Elements("?2", "e")}) " +
            "INSERT INTO \"ImportBeforeImages\" (\"ImportId\", \"RowNumber\", \"RecordId\", \"Changed\", \"OldValues\", \"PreviousImportId\", \"PreviousImportRow\") " +
            $"SELECT ?1, b.\"RowNumber\", t.\"{recordId}\", b.\"Changed\", {json.ArrayOf(cells)}, t.\"LastImportId\", t.\"LastImportRow\" " +
            $"FROM b JOIN \"{table}\" t ON {join}");
    }

    /// <summary>
    /// Adds an Update row whose image was not read ahead: the cells of <paramref name="changed"/> (bit i: column i) of the record found by
    /// <paramref name="key"/> are kept by the next <see cref="KeepAdded"/>; nothing when the record does not exist.
    /// </summary>
    public void Add(int rowNumber, long changed, ReadOnlySpan<long> key)
    {
        if (key.Length != _keyCount)
        {
            throw new ArgumentException($"The record is found by {_keyCount} key values.", nameof(key));
        }

        Write(_rows == 0 ? "[["u8 : ",["u8);
        WriteNumber(rowNumber);
        Write(","u8);
        WriteNumber(changed);
        foreach (var k in key)
        {
            Write(","u8);
            WriteNumber(k);
        }

        Write("]"u8);
        _rows++;
    }

    /// <summary>Keeps the before-images of the rows added since the last call, in one statement; call it before their updates.</summary>
    public void KeepAdded()
    {
        if (_rows == 0)
        {
            return;
        }

        Write("]"u8);
        _keep.Bind(1, _importId);
        _keep.BindUtf8(2, _batch.WrittenSpan);
        _keep.Execute();
        _batch.ResetWrittenCount();
        _rows = 0;
    }

    /// <summary>Keeps the images read ahead for the batch, as one row.</summary>
    public void Keep(BatchBeforeImages images)
    {
        _keepBatch ??= DatabaseEngine.Of(_connection).Prepare(_connection,
            "INSERT INTO \"ImportBeforeImageBatches\" (\"ImportId\", \"FirstRow\", \"LastRow\", \"Rows\", \"Images\") VALUES (?1, ?2, ?3, ?4, ?5)");
        _keepBatch.Bind(1, _importId);
        _keepBatch.Bind(2, images.FirstRow);
        _keepBatch.Bind(3, images.LastRow);
        _keepBatch.Bind(4, images.Rows);
        _keepBatch.BindBlob(5, images.Images);
        _keepBatch.Execute();
    }

    private void Write(ReadOnlySpan<byte> bytes) => _batch.Write(bytes);

    private void WriteNumber(long value)
    {
        var span = _batch.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        _batch.Advance(written);
    }

    public void Dispose()
    {
        _keep.Dispose();
        _keepBatch?.Dispose();
    }
}
