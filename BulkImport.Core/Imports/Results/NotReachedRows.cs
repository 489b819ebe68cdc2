using System.Globalization;

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

    /// <summary>
    /// The one line that lists them all where rows are listed one a line (errors.txt, the alert e-mails): how many, which
    /// rows, why and what would import them. Listed one a line they were a thousand times the same sentence, and the
    /// count of them in the heading only (an outside audit).
    /// </summary>
    public static string Grouped(Import import, NotReachedRange rows)
    {
        if (rows.Count == 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Row {rows.First}: {Message(import)}");
        }

        var which = string.Create(CultureInfo.InvariantCulture, $"Rows {rows.First:N0} to {rows.Last:N0}");
        var these = string.Create(CultureInfo.InvariantCulture, $"these {rows.Count:N0} valid rows");
        return CommitEnding.Of(import) switch
        {
            ImportStatus.Cancelled => $"{which}: the import was cancelled before {these} were committed.",
            ImportStatus.CommitFailed => $"{which}: the commit stopped before {these}. Replay the import to continue.",
            _ => $"{which}: the commit has not reached {these} yet.",
        };
    }
}

/// <summary>The valid rows a commit never reached: how many, and the first and last of them (rows with errors may lie between).</summary>
public sealed record NotReachedRange(int Count, int First, int Last);
