namespace BulkImport.Core.Imports.Undo;

/// <summary>
/// What the undo did with one committed row's record (SPEC 21), written in the undo batch's transaction: the primary
/// key (import, row) is what makes a resumed undo unable to undo a row twice.
/// </summary>
public sealed class UndoResult
{
    public int ImportId { get; set; }
    public int RowNumber { get; set; }
    public UndoStatus Status { get; set; }
    public long? RecordId { get; set; }

    /// <summary>Why the record was kept; null when it was undone.</summary>
    public string? Reason { get; set; }
}

/// <summary>An undone row's record was deleted, restored or reversed; a kept one is left as it is, with the reason.</summary>
public enum UndoStatus
{
    Undone = 1,
    Kept = 2,
}
