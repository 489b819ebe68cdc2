namespace BulkImport.Core.Imports.Undo;

/// <summary>
/// One committed row to undo: its record (and the invoice it created, for an assignment), and its before-image when it
/// was an Update (none: the row inserted its record).
/// </summary>
public sealed record UndoRow(int RowNumber, long? RecordId, long? InvoiceId, RecordImage? Image);

/// <summary>What the undo did with one row's record.</summary>
public readonly record struct UndoOutcome(int RowNumber, UndoStatus Status, long? RecordId, string? Reason)
{
    public static UndoOutcome Undone(UndoRow row) => new(row.RowNumber, UndoStatus.Undone, row.RecordId, null);

    public static UndoOutcome Kept(UndoRow row, string reason) => new(row.RowNumber, UndoStatus.Kept, row.RecordId, reason);
}
