using System.Data.Common;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Data;

/// <summary>The row number, status and action of one staged row of a key group.</summary>
public readonly record struct KeyedRowState(int RowNumber, RowStatus Status, RowAction Action);

/// <summary>
/// The staged rows of one import grouped by row key (the rows the duplicate rule looks at together), with the native API
/// on the open connection and inside whatever transaction it has. A group's size and first row numbers are read in the
/// key index alone (its entries are (ImportId, RowKey, RowNumber), in row order within a key), so they cost the same on
/// a group of a million rows as on one of two; only <see cref="Rows"/> reads the rows themselves, a bounded number at a
/// time. The index is named: without table statistics SQLite would plan these on the primary key and read the import.
/// </summary>
/// <remarks>
/// Every row that takes part in the duplicate rule has a key and every row that has a key takes part: a row the operator
/// skips loses its key (<c>RowRevalidator</c>), so no query here needs the row's status.
/// </remarks>
public sealed class KeyGroups(DbConnection connection, int importId) : IDisposable
{
    private const string Of = $"""FROM "ImportRows" INDEXED BY "{KeyedRows.KeyIndex}" WHERE "ImportId" = ?1 AND "RowKey" = ?2""";

    /// <summary>The message appended to a row's messages: a row without any (most) gets the one-message list as it is.</summary>
    private const string MarkSet = """SET "Status" = ?3, "Action" = ?4, "Messages" = CASE "Messages" WHEN '[]' THEN ?5 ELSE json_insert("Messages", '$[#]', json(?6)) END""";

    private SqliteStatement? _first;
    private SqliteStatement? _count;
    private SqliteStatement? _rows;
    private SqliteStatement? _markRow;
    private SqliteStatement? _markRange;

    /// <summary>The first <paramref name="limit"/> row numbers of <paramref name="key"/>, in order, leaving out <paramref name="exceptRow"/>.</summary>
    public List<int> First(string key, int limit, int exceptRow = 0)
    {
        _first ??= new SqliteStatement(connection, $"""SELECT "RowNumber" {Of} AND "RowNumber" <> ?3 ORDER BY "RowNumber" LIMIT ?4""");
        _first.Bind(1, importId);
        _first.Bind(2, key);
        _first.Bind(3, exceptRow);
        _first.Bind(4, limit);
        var numbers = new List<int>(Math.Min(limit, 64));
        while (_first.Read())
        {
            numbers.Add(_first.GetInt32(0));
        }

        return numbers;
    }

    /// <summary>How many rows have <paramref name="key"/>, leaving out <paramref name="exceptRow"/>: a walk of the key's index entries.</summary>
    public int Count(string key, int exceptRow = 0)
    {
        _count ??= new SqliteStatement(connection, $"""SELECT COUNT(*) {Of} AND "RowNumber" <> ?3""");
        _count.Bind(1, importId);
        _count.Bind(2, key);
        _count.Bind(3, exceptRow);
        _count.Read();
        var count = _count.GetInt32(0);
        _count.Reset();
        return count;
    }

    /// <summary>Up to <paramref name="limit"/> rows of <paramref name="key"/> after row <paramref name="afterRow"/>, in order, with their status and action.</summary>
    public List<KeyedRowState> Rows(string key, int afterRow, int limit)
    {
        _rows ??= new SqliteStatement(connection, $"""SELECT "RowNumber", "Status", "Action" {Of} AND "RowNumber" > ?3 ORDER BY "RowNumber" LIMIT ?4""");
        _rows.Bind(1, importId);
        _rows.Bind(2, key);
        _rows.Bind(3, afterRow);
        _rows.Bind(4, limit);
        var rows = new List<KeyedRowState>(Math.Min(limit, 1024));
        while (_rows.Read())
        {
            rows.Add(new KeyedRowState(_rows.GetInt32(0), (RowStatus)_rows.GetInt32(1), (RowAction)_rows.GetInt32(2)));
        }

        return rows;
    }

    /// <summary>Gives one row <paramref name="status"/> and <paramref name="action"/> and appends a message to its messages.</summary>
    public void Mark(int rowNumber, RowStatus status, RowAction action, RowMessage message)
    {
        _markRow ??= new SqliteStatement(connection, $"""UPDATE "ImportRows" {MarkSet} WHERE "ImportId" = ?1 AND "RowNumber" = ?2""");
        _markRow.Bind(1, importId);
        _markRow.Bind(2, rowNumber);
        BindMark(_markRow, status, action, message);
        _markRow.Execute();
    }

    /// <summary>
    /// Gives every row of <paramref name="key"/> after row <paramref name="afterRow"/>, up to and including row
    /// <paramref name="throughRow"/>, <paramref name="status"/> and <paramref name="action"/> and appends the same message
    /// to their messages, in one statement; returns how many rows it changed.
    /// </summary>
    public int Mark(string key, int afterRow, int throughRow, RowStatus status, RowAction action, RowMessage message)
    {
        _markRange ??= new SqliteStatement(connection,
            $"""UPDATE "ImportRows" INDEXED BY "{KeyedRows.KeyIndex}" {MarkSet} WHERE "ImportId" = ?1 AND "RowKey" = ?2 AND "RowNumber" > ?7 AND "RowNumber" <= ?8""");
        _markRange.Bind(1, importId);
        _markRange.Bind(2, key);
        BindMark(_markRange, status, action, message);
        _markRange.Bind(7, afterRow);
        _markRange.Bind(8, throughRow);
        return _markRange.Execute();
    }

    private static void BindMark(SqliteStatement statement, RowStatus status, RowAction action, RowMessage message)
    {
        var list = RowJson.SerializeMessages([message]);
        statement.Bind(3, (int)status);
        statement.Bind(4, (int)action);
        statement.Bind(5, list);
        // The message alone: the list "[{...}]" without its brackets.
        statement.Bind(6, list[1..^1]);
    }

    public void Dispose()
    {
        _first?.Dispose();
        _count?.Dispose();
        _rows?.Dispose();
        _markRow?.Dispose();
        _markRange?.Dispose();
    }
}
