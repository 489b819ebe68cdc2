namespace BulkImport.Core.Imports.Results;

/// <summary>
/// The words for the Valid rows a commit never reached (it was cancelled, or it stopped first): SPEC 18 calls them
/// "not imported" and keeps "Skipped" for blank rows and rows a person skipped. The results file, View Results, the
/// alert e-mails and a watched folder's files all take them from here, so they never disagree.
/// </summary>
public static class NotReachedRows
{
    /// <summary>Their Status in the results file and on View Results; their Action stays, to show what would have happened.</summary>
    public const string Status = "Not imported";

    /// <summary>The code of their message, where a row message is listed with one.</summary>
    public const string Code = "not-committed";

    /// <summary>Why such a row was not imported, and what would import it, given how the commit ended (undone or not).</summary>
    public static string Message(Import import) => CommitEnding.Of(import) switch
    {
        ImportStatus.Cancelled => "The import was cancelled before this row was committed.",
        ImportStatus.CommitFailed => "The commit stopped before this row. Replay the import to continue.",
        // Read while the commit is queued or running: the row may still be imported.
        _ => "The commit has not reached this row yet.",
    };
}
