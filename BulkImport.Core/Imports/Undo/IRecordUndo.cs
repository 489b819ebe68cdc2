using System.Data.Common;

namespace BulkImport.Core.Imports.Undo;

/// <summary>
/// Undoes the records of one domain, row by row, inside the undo batch's transaction (<see cref="UndoRunner"/>): deletes
/// what a row inserted, restores what it updated from its before-image, reverses a payment. Each change is one
/// statement whose conditions are the reasons to keep the record (changed since by another import, depended on), so a
/// record is either wholly undone or kept as it is, never half-restored, whatever commits between two batches.
/// </summary>
public interface IRecordUndo : IDisposable
{
    /// <summary>
    /// Before a batch's rows, in its transaction: locks the records whose dependants its conditions look for, so that on
    /// an engine whose writers run side by side a dependant another import is adding is seen, not deleted with them
    /// (<see cref="Data.DatabaseEngine.LockRows"/>).
    /// </summary>
    void Lock(IReadOnlyList<UndoRow> batch)
    {
    }

    UndoOutcome Undo(UndoRow row);
}

/// <summary>The record undoers by domain (SPEC 21 names clients, assignments, invoices and payments).</summary>
public static class RecordUndoers
{
    /// <summary>Whether imports of <paramref name="domain"/> can be undone (a domain defined elsewhere has no undoer).</summary>
    public static bool Supports(Domain domain) => domain.Name is "Client" or "ClientAssignment" or "Payment";

    /// <summary>The undoer of <paramref name="domain"/>, its statements prepared on an open connection.</summary>
    public static IRecordUndo Create(Domain domain, DbConnection connection, int importId) => domain.Name switch
    {
        "Client" => new ClientUndo(connection, importId),
        "ClientAssignment" => new AssignmentUndo(connection, importId),
        "Payment" => new PaymentUndo(connection, importId),
        _ => throw new NotSupportedException($"Imports of the {domain} domain cannot be undone."),
    };
}
