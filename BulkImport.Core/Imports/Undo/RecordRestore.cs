using System.Data.Common;
using BulkImport.Core.Data;

namespace BulkImport.Core.Imports.Undo;

/// <summary>
/// Puts back the cells an Update row changed, from its before-image, with the lineage the record had before — only
/// while the record still names that import and row as the last to change it, and <c>keepWhen</c> finds nothing that
/// depends on it. One statement: a record is restored whole or not at all.
/// </summary>
/// <remarks>The previous values are bound as the UTF-8 text they were kept as, a parameter per column (the database converts them to the column's type).</remarks>
internal sealed class RecordRestore : IDisposable
{
    private readonly PreparedStatement _restore;
    private readonly int _importId;
    private readonly int _columns;

    /// <param name="keepWhen">An SQL condition (on ?1 the record's ID, ?2 the import) under which the record is kept; null for none.</param>
    public RecordRestore(DbConnection connection, int importId, string table, string recordId, IReadOnlyList<string> columns, string? keepWhen)
    {
        _importId = importId;
        _columns = columns.Count;
        var engine = DatabaseEngine.Of(connection);
        var sets = string.Join(", ", columns.Select((c, i) => $"\"{c}\" = CASE WHEN ?4 & {1L << i} <> 0 THEN ?{FirstCell + i} ELSE \"{c}\" END"));
        _restore = engine.Prepare(connection,
            // The previous lineage is bound as a nullable bigint; the casts give PostgreSQL that type even when the
            // statement is first prepared with a NULL (else it takes the column's integer and a later value does not fit).
            $"UPDATE \"{table}\" SET {sets}, \"LastImportId\" = CAST(?5 AS bigint), \"LastImportRow\" = CAST(?6 AS bigint) " +
            $"WHERE \"{recordId}\" = ?1 AND \"LastImportId\" = ?2 AND \"LastImportRow\" = ?3" + (keepWhen is null ? "" : $" AND NOT ({keepWhen})"));
    }

    /// <summary>The parameter of the first column's previous value; ?1–?6 are the record, import, row, changed cells and previous lineage.</summary>
    private const int FirstCell = 7;

    /// <summary>Whether the record was restored.</summary>
    public bool Restore(UndoRow row, RecordImage image)
    {
        _restore.Bind(1, row.RecordId);
        _restore.Bind(2, _importId);
        _restore.Bind(3, row.RowNumber);
        _restore.Bind(4, image.Changed);
        _restore.Bind(5, image.PreviousImportId);
        _restore.Bind(6, image.PreviousImportRow);
        for (var i = 0; i < _columns; i++)
        {
            if (i < image.OldValues.Length && image.OldValues[i] is { } old)
            {
                _restore.BindUtf8(FirstCell + i, old.Span);
            }
            else
            {
                _restore.Bind(FirstCell + i, (string?)null);
            }
        }

        return _restore.Execute() == 1;
    }

    public void Dispose() => _restore.Dispose();
}
