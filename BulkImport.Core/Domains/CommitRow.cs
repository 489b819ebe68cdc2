using System.Text;
using BulkImport.Core.Data;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains;

/// <summary>
/// A staged valid row handed to a committer. Its values are kept as the UTF-8 text they are stored and bound as, so the
/// commit's hot path binds them without making a string of each and encoding it again (<see cref="Utf8"/>);
/// <see cref="Values"/> makes the strings when a committer needs them.
/// </summary>
public sealed class CommitRow
{
    private readonly byte[] _text;
    private readonly int[] _bounds;
    private string?[]? _values;

    private CommitRow(int rowNumber, RowAction action, byte[] text, int[] bounds)
    {
        RowNumber = rowNumber;
        Action = action;
        _text = text;
        _bounds = bounds;
    }

    public CommitRow(int rowNumber, RowAction action, string?[] values)
        : this(rowNumber, action, Encode(values, out var bounds), bounds)
    {
        _values = values;
    }

    /// <summary>A row from its values as stored (a JSON array of strings).</summary>
    public static CommitRow FromJson(int rowNumber, RowAction action, ReadOnlySpan<byte> valuesJson)
    {
        RowJson.DeserializeValuesUtf8(valuesJson, out var text, out var bounds);
        return new CommitRow(rowNumber, action, text, bounds);
    }

    public int RowNumber { get; }

    public RowAction Action { get; }

    /// <summary>The values aligned with the domain's template columns, as strings (null where the file has no such column).</summary>
    public string?[] Values => _values ??= Decode();

    /// <summary>Whether value <paramref name="index"/> is null or empty (a blank cell).</summary>
    public bool IsBlank(int index) => index >= _bounds.Length / 2 || _bounds[(2 * index) + 1] <= 0;

    /// <summary>Value <paramref name="index"/> as UTF-8 (empty when blank).</summary>
    public ReadOnlySpan<byte> Utf8(int index) => IsBlank(index) ? [] : _text.AsSpan(_bounds[2 * index], _bounds[(2 * index) + 1]);

    private string?[] Decode()
    {
        var values = new string?[_bounds.Length / 2];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = RowJson.ValueAt(_text, _bounds, i);
        }

        return values;
    }

    private static byte[] Encode(string?[] values, out int[] bounds)
    {
        bounds = new int[2 * values.Length];
        var text = new byte[values.Sum(v => v is null ? 0 : Encoding.UTF8.GetByteCount(v))];
        var position = 0;
        for (var i = 0; i < values.Length; i++)
        {
            bounds[2 * i] = position;
            bounds[(2 * i) + 1] = values[i] is { } value ? Encoding.UTF8.GetBytes(value, text.AsSpan(position)) : -1;
            position += Math.Max(0, bounds[(2 * i) + 1]);
        }

        return text;
    }
}
