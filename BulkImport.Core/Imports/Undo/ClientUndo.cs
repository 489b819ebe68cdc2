using System.Data.Common;
using BulkImport.Core.Data;
using BulkImport.Core.Domains.Clients;

namespace BulkImport.Core.Imports.Undo;

/// <summary>
/// Undoes Client rows: a client the import inserted is deleted, one it updated gets back the cells the row changed.
/// Kept: a client another import changed since, and one a later import gave an assignment (for a client this import
/// inserted, any assignment is later than it).
/// </summary>
internal sealed class ClientUndo : IRecordUndo
{
    private const string LaterAssignment = """SELECT 1 FROM "ClientAssignments" WHERE "ClientId" = ?1 AND "CreatedByImportId" > ?2""";

    private readonly PreparedStatement _delete;
    private readonly PreparedStatement _laterAssignment;
    private readonly RecordRestore _restore;
    private readonly LineageCheck _lineage;
    private readonly DbConnection _connection;
    private readonly DatabaseEngine _engine;

    public ClientUndo(DbConnection connection, int importId)
    {
        var engine = DatabaseEngine.Of(connection);
        (_connection, _engine) = (connection, engine);
        _delete = engine.Prepare(connection,
            """DELETE FROM "Clients" WHERE "ClientId" = ?1 AND "CreatedByImportId" = ?2 AND "CreatedByRow" = ?3 AND "LastImportId" = ?2 AND "LastImportRow" = ?3 """ +
            """AND NOT EXISTS (SELECT 1 FROM "ClientAssignments" WHERE "ClientId" = ?1)""");
        _restore = new RecordRestore(connection, importId, "Clients", "ClientId", [.. ClientColumns.Stored.Select(s => s.Property)], $"EXISTS ({LaterAssignment})");
        _laterAssignment = engine.Prepare(connection,
            """SELECT "AssignmentId", "CreatedByImportId" FROM "ClientAssignments" WHERE "ClientId" = ?1 AND (?2 = 0 OR "CreatedByImportId" > ?2) ORDER BY "AssignmentId" LIMIT 1""");
        _lineage = new LineageCheck(connection, importId, "Clients", "ClientId", "Client");
        ImportId = importId;
    }

    private int ImportId { get; }

    /// <summary>The clients, whose assignments (a later import's) keep them.</summary>
    public void Lock(IReadOnlyList<UndoRow> batch) =>
        _engine.LockRows(_connection, "Clients", "ClientId", batch.Select(r => r.RecordId).OfType<long>());

    public UndoOutcome Undo(UndoRow row)
    {
        if (row.Image is { } image)
        {
            return _restore.Restore(row, image) ? UndoOutcome.Undone(row) : UndoOutcome.Kept(row, WhyKept(row, inserted: false));
        }

        _delete.Bind(1, row.RecordId);
        _delete.Bind(2, ImportId);
        _delete.Bind(3, row.RowNumber);
        return _delete.Execute() == 1 ? UndoOutcome.Undone(row) : UndoOutcome.Kept(row, WhyKept(row, inserted: true));
    }

    private string WhyKept(UndoRow row, bool inserted)
    {
        if (_lineage.WhyChanged(row) is { } changed)
        {
            return changed;
        }

        _laterAssignment.Bind(1, row.RecordId);
        _laterAssignment.Bind(2, inserted ? 0 : ImportId);
        if (_laterAssignment.Read())
        {
            var (assignment, by) = (_laterAssignment.GetInt64(0), _laterAssignment.IsNull(1) ? (long?)null : _laterAssignment.GetInt64(1));
            _laterAssignment.Reset();
            return by is { } import
                ? $"Client {row.RecordId} was given assignment {assignment} by import {import} after this import; it is kept with its assignment."
                : $"Client {row.RecordId} has assignment {assignment}, added outside imports; it is kept with its assignment.";
        }

        return $"Client {row.RecordId} could not be undone.";
    }

    public void Dispose()
    {
        _delete.Dispose();
        _laterAssignment.Dispose();
        _restore.Dispose();
        _lineage.Dispose();
    }
}
