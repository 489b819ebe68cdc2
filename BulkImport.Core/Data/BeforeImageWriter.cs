using System.Data.Common;

namespace BulkImport.Core.Data;

/// <summary>
/// Keeps the before-image of a record an Update row is about to change (SPEC 21), in the commit batch's transaction:
/// the previous values of the cells the row changes (its non-blank cells, a bit each in <c>Changed</c>) and the lineage
/// the record had, so an undo can put back exactly those cells. One prepared statement copies them inside the
/// database, so the commit reads nothing back per row. Called by a committer just before its update of the same record.
/// </summary>
/// <remarks>SQLite's <c>json_array</c>: the PostgreSQL engine gives this class a second implementation (json_build_array).</remarks>
public sealed class BeforeImageWriter : IDisposable
{
    private readonly int _importId;
    private readonly SqliteStatement _keep;
    private readonly int _keyCount;

    /// <param name="table">The record table (Clients, ClientAssignments).</param>
    /// <param name="recordId">Its ID column, kept as the image's RecordId.</param>
    /// <param name="columns">The stored columns an Update row may change, in the order of the row's mask bits.</param>
    /// <param name="keyColumns">The columns that find the record, bound in this order to <see cref="Keep"/>'s key.</param>
    public BeforeImageWriter(DbConnection connection, int importId, string table, string recordId, IReadOnlyList<string> columns, IReadOnlyList<string> keyColumns)
    {
        if (columns.Count > 62)
        {
            throw new ArgumentException("A before-image keeps at most 62 columns (one bit each in Changed).", nameof(columns));
        }

        _importId = importId;
        _keyCount = keyColumns.Count;
        var cells = string.Join(", ", columns.Select((c, i) => $"CASE WHEN ?3 & {1L << i} <> 0 THEN {c} END"));
        var where = string.Join(" AND ", keyColumns.Select((k, i) => $"{k} = ?{i + 4}"));
        _keep = new SqliteStatement(connection,
            "INSERT INTO ImportBeforeImages (ImportId, RowNumber, RecordId, Changed, OldValues, PreviousImportId, PreviousImportRow) " +
            $"SELECT ?1, ?2, {recordId}, ?3, json_array({cells}), LastImportId, LastImportRow FROM {table} WHERE {where}");
    }

    /// <summary>Keeps the cells of <paramref name="changed"/> (bit i: column i) of the record found by <paramref name="key"/>; nothing when it does not exist.</summary>
    public void Keep(int rowNumber, long changed, ReadOnlySpan<long> key)
    {
        if (key.Length != _keyCount)
        {
            throw new ArgumentException($"The record is found by {_keyCount} key values.", nameof(key));
        }

        _keep.Bind(1, _importId);
        _keep.Bind(2, rowNumber);
        _keep.Bind(3, changed);
        for (var i = 0; i < key.Length; i++)
        {
            _keep.Bind(i + 4, key[i]);
        }

        _keep.Execute();
    }

    public void Dispose() => _keep.Dispose();
}
