using System.Data.Common;
using BulkImport.Core.Data;

namespace BulkImport.Core.Imports.Undo;

/// <summary>
/// Says why a record was not undone, from its lineage: it no longer exists, or another import (or a change made before
/// lineage was kept) changed it since. Only runs for the rare record an undo keeps.
/// </summary>
internal sealed class LineageCheck(DbConnection connection, int importId, string table, string recordId, string noun) : IDisposable
{
    private readonly PreparedStatement _lineage =
        DatabaseEngine.Of(connection).Prepare(connection, $"SELECT \"LastImportId\", \"LastImportRow\" FROM \"{table}\" WHERE \"{recordId}\" = ?1");

    /// <summary>The reason to keep the record when its lineage is not this row's; null when it still is (another reason keeps it).</summary>
    public string? WhyChanged(UndoRow row)
    {
        _lineage.Bind(1, row.RecordId);
        if (!_lineage.Read())
        {
            return $"{noun} {row.RecordId} no longer exists; there is nothing to undo.";
        }

        int? lastImport = _lineage.IsNull(0) ? null : _lineage.GetInt32(0);
        int? lastRow = _lineage.IsNull(1) ? null : _lineage.GetInt32(1);
        _lineage.Reset();
        if (lastImport == importId && lastRow == row.RowNumber)
        {
            return null;
        }

        return lastImport is { } other
            ? $"{noun} {row.RecordId} was changed by import {other} (row {lastRow}) after this import; it is kept as that import left it."
            : $"{noun} {row.RecordId} has no record of the import that last changed it (it was changed before imports were recorded on it); it is kept.";
    }

    public void Dispose() => _lineage.Dispose();
}
