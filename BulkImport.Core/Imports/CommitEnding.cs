namespace BulkImport.Core.Imports;

/// <summary>
/// How an import's commit ended, also once the import was undone (SPEC 21): an undo starts only from Committed or
/// Cancelled and replaces that status, yet what the file did (View Results, the rows it never reached) still follows
/// from how its commit ended.
/// </summary>
public static class CommitEnding
{
    /// <summary>
    /// The import's status, or for Undoing, Undone and UndoFailed the status its undo started from. That status is not
    /// stored; it follows from the counters: a Committed import's commit went through every Valid row, so an undone
    /// import that was never confirmed, or whose commit stopped short of its Valid rows, had been Cancelled.
    /// </summary>
    public static ImportStatus Of(Import import) => import.Status switch
    {
        ImportStatus.Undoing or ImportStatus.Undone or ImportStatus.UndoFailed =>
            import.ConfirmedAt is null || import.ProcessedRows < import.ValidRows ? ImportStatus.Cancelled : ImportStatus.Committed,
        var status => status,
    };
}
