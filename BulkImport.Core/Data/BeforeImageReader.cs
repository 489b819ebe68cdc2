using System.Buffers;
using System.Buffers.Text;
using System.Data.Common;
using BulkImport.Core.Domains;

namespace BulkImport.Core.Data;

/// <summary>
/// Reads the before-images of a commit batch's Update rows on the read-ahead connection, while the writer is still on
/// the batches before (<see cref="ReadAhead{TBatch}"/>): one statement finds the batch's records, and the cells each row
/// changes are encoded and compressed off the writer's thread. The writer then keeps them as one row
/// (<see cref="BeforeImageWriter.Keep(BatchBeforeImages)"/>) instead of copying every record's cells itself, which is
/// what keeps the update commit within +25 % of its time without images (issue 22).
/// </summary>
/// <remarks>
/// The read-ahead thread also reads the staged rows, so this is written for its cost per row: the batch's keys are one
/// JSON array of bare values (json_each then gives each record's place in it, and the row number and changed cells come
/// from that place), every cell is selected plainly and only those a row changes are read from the result.
/// </remarks>
public sealed class BeforeImageReader : IDisposable
{
    /// <summary>Whether <paramref name="row"/> needs an image, and if so the cells it changes (bit i: column i) and the key of its record.</summary>
    public delegate bool ImageOf(CommitRow row, out long changed, Span<long> key);

    private readonly PreparedStatement _read;
    private readonly ImageOf _imageOf;
    private readonly long[] _key;
    private readonly int _columns;
    private readonly ArrayBufferWriter<byte> _keys = new(32 * 1024);
    private readonly List<(int RowNumber, long Changed)> _wanted = [];
    private readonly BeforeImageCodec.Encoder _encoder = new();

    /// <param name="table">The record table (Clients, ClientAssignments).</param>
    /// <param name="recordId">Its ID column.</param>
    /// <param name="columns">The stored columns an Update row may change, in the order of the row's mask bits.</param>
    /// <param name="keyColumns">The columns that find the record, in the order <paramref name="imageOf"/> gives them.</param>
    public BeforeImageReader(DbConnection connection, string table, string recordId, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns, ImageOf imageOf)
    {
        if (columns.Count > 62)
        {
            throw new ArgumentException("A before-image keeps at most 62 columns (one bit each in Changed).", nameof(columns));
        }

        _imageOf = imageOf;
        _key = new long[keyColumns.Count];
        _columns = columns.Count;
        var engine = DatabaseEngine.Of(connection);
        var join = keyColumns.Count == 1
            ? $"t.\"{keyColumns[0]}\" = {engine.Json.Integer("e.value")}"
            : string.Join(" AND ", keyColumns.Select((k, i) => $"t.\"{k}\" = {engine.Json.IntegerAt("e.value", i)}"));
        var cells = string.Join(", ", columns.Select(c => engine.AsText($"t.\"{c}\"")));
        _read = engine.Prepare(connection,
            $"SELECT CAST(e.key AS integer), t.\"{recordId}\", t.\"LastImportId\", t.\"LastImportRow\", {cells} FROM {engine.Json.IndexedElements("?1", "e")} JOIN \"{table}\" t ON {join}");
    }

    /// <summary>The images of <paramref name="rows"/>' records as they are now; null when no row needs one.</summary>
    public BatchBeforeImages? Read(IReadOnlyList<CommitRow> rows)
    {
        if (!Keys(rows))
        {
            return null;
        }

        _read.BindUtf8(1, _keys.WrittenSpan);
        var seen = new Dictionary<int, (int, int)>(_wanted.Count);
        int first = int.MaxValue, last = int.MinValue;
        while (_read.Read())
        {
            var (rowNumber, changed) = _wanted[_read.GetInt32(0)];
            int? importId = _read.IsNull(2) ? null : _read.GetInt32(2);
            int? importRow = _read.IsNull(3) ? null : _read.GetInt32(3);
            _encoder.Begin(rowNumber, _read.GetInt64(1), changed, importId, importRow);
            for (var i = 0; i < _columns; i++)
            {
                if ((changed & (1L << i)) != 0)
                {
                    // Empty text and NULL both read as no bytes: only then is the type asked for (a call fewer per cell).
                    var cell = _read.GetUtf8(4 + i);
                    _encoder.Cell(cell, cell.IsEmpty && _read.IsNull(4 + i));
                }
            }

            seen[rowNumber] = (importId ?? BatchBeforeImages.NoLineage, importRow ?? BatchBeforeImages.NoLineage);
            first = Math.Min(first, rowNumber);
            last = Math.Max(last, rowNumber);
        }

        var count = _encoder.Rows;
        var images = _encoder.Finish();
        return count == 0 ? null : new BatchBeforeImages(images, first, last, count, seen);
    }

    /// <summary>The keys of the rows that need an image, as a JSON array (<c>[id, ...]</c>, or <c>[[k0, k1, ...], ...]</c>); false when none does.</summary>
    private bool Keys(IReadOnlyList<CommitRow> rows)
    {
        _keys.ResetWrittenCount();
        _wanted.Clear();
        Write("["u8);
        foreach (var row in rows)
        {
            if (!_imageOf(row, out var changed, _key))
            {
                continue;
            }

            Write(_wanted.Count == 0 ? ""u8 : ","u8);
            Write(_key.Length == 1 ? ""u8 : "["u8);
            for (var k = 0; k < _key.Length; k++)
            {
                Write(k == 0 ? ""u8 : ","u8);
                var span = _keys.GetSpan(20);
                Utf8Formatter.TryFormat(_key[k], span, out var written);
                _keys.Advance(written);
            }

            Write(_key.Length == 1 ? ""u8 : "]"u8);
            _wanted.Add((row.RowNumber, changed));
        }

        Write("]"u8);
        return _wanted.Count > 0;
    }

    private void Write(ReadOnlySpan<byte> bytes) => _keys.Write(bytes);

    public void Dispose() => _read.Dispose();
}
