using System.Data.Common;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Data;

/// <summary>One staged row of a key group as stored: its values and messages as their JSON.</summary>
public sealed record KeyedRow(int RowNumber, RowStatus Status, RowAction Action, string ValuesJson, string MessagesJson);

/// <summary>
/// The staged rows of one import grouped by row key (the rows the duplicate rule looks at together), with the native API
/// on the open connection and inside whatever transaction it has. A group's first row numbers and its size are read in
/// the key index alone (its entries are (ImportId, RowKey, RowNumber), in row order within a key): the first rows are a
/// seek whatever the group's size, the size a walk of its entries that reads none of its rows; only <see cref="Rows"/>
/// reads rows, a bounded number of them. The index is named where the engine needs it (<see cref="DatabaseEngine.UseIndex"/>): without table statistics SQLite would plan these on the primary key and read the import.
/// </summary>
/// <remarks>
/// Every row that takes part in the duplicate rule has a key and every row that has a key takes part: a row the operator
/// skips loses its key (<c>RowRevalidator</c>), so no query here needs the row's status.
/// </remarks>
public sealed class KeyGroups(DbConnection connection, int importId) : IDisposable
{
    private readonly DatabaseEngine _engine = DatabaseEngine.Of(connection);
    private readonly string _of = $"""FROM "ImportRows" {DatabaseEngine.Of(connection).UseIndex(KeyedRows.KeyIndex)} WHERE "ImportId" = ?1 AND "RowKey" = ?2""";

    private PreparedStatement? _first;
    private PreparedStatement? _count;
    private PreparedStatement? _rows;
    private PreparedStatement? _update;

    /// <summary>The first <paramref name="limit"/> row numbers of <paramref name="key"/>, in order, leaving out <paramref name="exceptRow"/>.</summary>
    public List<int> First(string key, int limit, int exceptRow = 0)
    {
        _first ??= _engine.Prepare(connection, $"""SELECT "RowNumber" {_of} AND "RowNumber" <> ?3 ORDER BY "RowNumber" LIMIT ?4""");
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
        _count ??= _engine.Prepare(connection, $"""SELECT COUNT(*) {_of} AND "RowNumber" <> ?3""");
        _count.Bind(1, importId);
        _count.Bind(2, key);
        _count.Bind(3, exceptRow);
        _count.Read();
        var count = _count.GetInt32(0);
        _count.Reset();
        return count;
    }

    /// <summary>The first <paramref name="limit"/> rows of <paramref name="key"/>, in order, read whole: for a bounded number of rows only.</summary>
    public List<KeyedRow> Rows(string key, int limit)
    {
        _rows ??= _engine.Prepare(connection, $"""SELECT "RowNumber", "Status", "Action", "Values", "Messages" {_of} ORDER BY "RowNumber" LIMIT ?3""");
        _rows.Bind(1, importId);
        _rows.Bind(2, key);
        _rows.Bind(3, limit);
        var rows = new List<KeyedRow>(Math.Min(limit, 64));
        while (_rows.Read())
        {
            rows.Add(new KeyedRow(_rows.GetInt32(0), (RowStatus)_rows.GetInt32(1), (RowAction)_rows.GetInt32(2), _rows.GetString(3)!, _rows.GetString(4)!));
        }

        return rows;
    }

    /// <summary>Gives one row a new status, action and messages.</summary>
    public void Update(int rowNumber, RowStatus status, RowAction action, List<RowMessage> messages)
    {
        _update ??= _engine.Prepare(connection, """UPDATE "ImportRows" SET "Status" = ?3, "Action" = ?4, "Messages" = ?5 WHERE "ImportId" = ?1 AND "RowNumber" = ?2""");
        _update.Bind(1, importId);
        _update.Bind(2, rowNumber);
        _update.Bind(3, (int)status);
        _update.Bind(4, (int)action);
        _update.BindUtf8(5, RowJson.SerializeMessagesUtf8(messages));
        _update.Execute();
    }

    public void Dispose()
    {
        _first?.Dispose();
        _count?.Dispose();
        _rows?.Dispose();
        _update?.Dispose();
    }
}
