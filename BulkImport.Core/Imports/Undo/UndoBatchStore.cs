using System.Data.Common;
using BulkImport.Core.Data;

namespace BulkImport.Core.Imports.Undo;

/// <summary>
/// The undo's statements around its batches: the last row with a result (where a resumed undo continues), and in the
/// batch's transaction each row's result and the import's undo counters (the rows themselves are read by
/// <see cref="UndoRowReader"/>). A row's result is keyed by (import, row), so a
/// batch replayed after a crash fails on its first row and rolls back whole: nothing is undone twice.
/// </summary>
internal sealed class UndoBatchStore : IDisposable
{
    private readonly DbConnection _connection;
    private readonly int _importId;
    private readonly PreparedStatement _result;
    private readonly PreparedStatement _counters;
    private readonly PreparedStatement _cancelRequested;

    public UndoBatchStore(DbConnection connection, int importId)
    {
        _connection = connection;
        _importId = importId;
        var engine = DatabaseEngine.Of(connection);
        _result = engine.Prepare(connection, """INSERT INTO "ImportUndoResults" ("ImportId", "RowNumber", "Status", "RecordId", "Reason") VALUES (?1, ?2, ?3, ?4, ?5)""");
        _counters = engine.Prepare(connection, """UPDATE "Imports" SET "UndoneRows" = "UndoneRows" + ?1, "KeptRows" = "KeptRows" + ?2 WHERE "Id" = ?3""");
        // CASE makes a number of the flag on both engines (an integer on SQLite, a boolean on PostgreSQL).
        _cancelRequested = engine.Prepare(connection, """SELECT CASE WHEN "CancelRequested" THEN 1 ELSE 0 END FROM "Imports" WHERE "Id" = ?1""");
    }

    /// <summary>The last row with an undo result: a resumed undo continues after it.</summary>
    public int LastUndoneRow()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """SELECT MAX("RowNumber") FROM "ImportUndoResults" WHERE "ImportId" = @importId""";
        Add(command, "@importId", _importId);
        return command.ExecuteScalar() is { } last and not DBNull ? Convert.ToInt32(last, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Whether someone asked to cancel the undo (read at each batch boundary).</summary>
    public bool CancelRequested()
    {
        _cancelRequested.Bind(1, _importId);
        var requested = _cancelRequested.Read() && _cancelRequested.GetInt32(0) != 0;
        _cancelRequested.Reset();
        return requested;
    }

    /// <summary>Records the outcomes and adds the counters, inside the caller's transaction; returns (undone, kept).</summary>
    public (int Undone, int Kept) Record(IReadOnlyList<UndoOutcome> outcomes)
    {
        int undone = 0, kept = 0;
        foreach (var outcome in outcomes)
        {
            _result.Bind(1, _importId);
            _result.Bind(2, outcome.RowNumber);
            _result.Bind(3, (int)outcome.Status);
            _result.Bind(4, outcome.RecordId);
            _result.Bind(5, outcome.Reason);
            _result.Execute();
            if (outcome.Status == UndoStatus.Undone)
            {
                undone++;
            }
            else
            {
                kept++;
            }
        }

        _counters.Bind(1, undone);
        _counters.Bind(2, kept);
        _counters.Bind(3, _importId);
        _counters.Execute();
        return (undone, kept);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    public void Dispose()
    {
        _result.Dispose();
        _counters.Dispose();
        _cancelRequested.Dispose();
    }
}
