using System.Buffers;
using System.Buffers.Text;

namespace BulkImport.Core.Data;

/// <summary>
/// The Update rows of a batch whose records need a before-image, passed to the database as one JSON parameter
/// (<c>[[row, changed, key...], ...]</c>) so one statement finds every record of the batch: the
/// <see cref="BeforeImageWriter"/> copies their cells inside the database, the <see cref="BeforeImageReader"/> reads
/// them ahead of the writer.
/// </summary>
public sealed class BeforeImageKeys
{
    private readonly ArrayBufferWriter<byte> _batch = new(64 * 1024);
    private readonly int _keyCount;

    public BeforeImageKeys(int keyCount) => _keyCount = keyCount;

    public int Rows { get; private set; }

    /// <summary>
    /// The rows as a table <c>b</c> (RowNumber, Changed, k0, k1...) from JSON parameter <paramref name="parameter"/>,
    /// joined to the record table <c>t</c> on its <paramref name="keyColumns"/>: "WITH b … FROM b JOIN t ON …" around
    /// the caller's select list.
    /// </summary>
    public static (string With, string From) Sql(DatabaseEngine engine, string parameter, string table, IReadOnlyList<string> keyColumns)
    {
        var json = engine.Json;
        var fields = string.Join(", ", keyColumns.Select((k, i) => $"{json.IntegerAt("e.value", i + 2)} AS k{i}"));
        var join = string.Join(" AND ", keyColumns.Select((k, i) => $"t.\"{k}\" = b.k{i}"));
        // Materialised once, so each row's fields are read from JSON once.
        return ($"WITH b AS MATERIALIZED (SELECT {json.IntegerAt("e.value", 0)} AS \"RowNumber\", {json.IntegerAt("e.value", 1)} AS \"Changed\", {fields} FROM {json.Elements(parameter, "e")}) ",
            $"FROM b JOIN \"{table}\" t ON {join}");
    }

    /// <summary>Adds an Update row: the cells of <paramref name="changed"/> (bit i: column i) of the record found by <paramref name="key"/>.</summary>
    public void Add(int rowNumber, long changed, ReadOnlySpan<long> key)
    {
        if (key.Length != _keyCount)
        {
            throw new ArgumentException($"The record is found by {_keyCount} key values.", nameof(key));
        }

        Write(Rows == 0 ? "[["u8 : ",["u8);
        WriteNumber(rowNumber);
        Write(","u8);
        WriteNumber(changed);
        foreach (var k in key)
        {
            Write(","u8);
            WriteNumber(k);
        }

        Write("]"u8);
        Rows++;
    }

    /// <summary>The JSON of the rows added since the last <see cref="Clear"/>; valid until the next <see cref="Add"/>.</summary>
    public ReadOnlySpan<byte> Json()
    {
        Write("]"u8);
        return _batch.WrittenSpan;
    }

    public void Clear()
    {
        _batch.ResetWrittenCount();
        Rows = 0;
    }

    private void Write(ReadOnlySpan<byte> bytes) => _batch.Write(bytes);

    private void WriteNumber(long value)
    {
        var span = _batch.GetSpan(20);
        Utf8Formatter.TryFormat(value, span, out var written);
        _batch.Advance(written);
    }
}
