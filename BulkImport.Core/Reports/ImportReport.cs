using System.Globalization;
using System.Text;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Reports;

/// <summary>How an import ended, in the words of the File Submission lists (SPEC section 18).</summary>
public enum ReportOutcome
{
    /// <summary>Committed, and every row that is not blank was imported.</summary>
    FullyProcessed,
    /// <summary>Committed, with rows not imported (errors, rows a person skipped, rows that failed in the commit).</summary>
    PartiallyProcessed,
    /// <summary>ValidationFailed, CommitFailed or Cancelled (an undone import keeps the outcome of its commit).</summary>
    Failed,
    /// <summary>Not ended yet: the report shows what is known so far.</summary>
    InProgress,
}

/// <summary>
/// The counts of View Results. <paramref name="NotImported"/> is what the seed calls "skipped": Total Rows − inserted −
/// updated − blank rows.
/// </summary>
public sealed record ReportCounts(int TotalRows, int Inserted, int Updated, int NotImported, int BlankRows);

/// <summary>
/// What an undo did to an import (SPEC 21), beside the outcome of its commit: the undo's status, who asked for it,
/// when it started and ended, and how many committed rows it undid and kept.
/// </summary>
public sealed record ReportUndo(ImportStatus Status, string? UndoneBy, DateTime? StartedAt, DateTime? EndedAt, int UndoneRows, int KeptRows)
{
    /// <summary>Null for an import no undo has touched.</summary>
    public static ReportUndo? Of(Import import) => import.Status is ImportStatus.Undoing or ImportStatus.Undone or ImportStatus.UndoFailed
        ? new ReportUndo(import.Status, import.UndoneBy, import.UndoStartedAt, import.Status == ImportStatus.Undoing ? null : import.CompletedAt, import.UndoneRows, import.KeptRows)
        : null;
}

/// <summary>
/// View Results of one import: its outcome and summary in words, counts, what an undo did, file-level errors, why it
/// failed, and a page of the rows not imported.
/// </summary>
public sealed record ImportReport(Import Import, ReportOutcome Outcome, string Summary, ReportCounts Counts, ReportUndo? Undo,
    IReadOnlyList<string> FileErrors, string? FailureReason, Page<ImportRow> Rows);

/// <summary>The rules that turn an import's counters into the seed's words.</summary>
public static class ImportOutcomes
{
    /// <summary>Rows not imported: every row but the inserted, the updated and the blank ones.</summary>
    public static int NotImported(Import import, int blankRows) => Math.Max(0, import.TotalRows - import.Inserted - import.Updated - blankRows);

    /// <summary>
    /// The outcome of the import's commit. An undo does not change it (it stays what the file did, and the report says
    /// what the undo did beside it), so an undone import reads as its commit ended: Committed or Cancelled.
    /// </summary>
    public static ReportOutcome Of(Import import, int notImported) => CommitEnding.Of(import) switch
    {
        ImportStatus.Committed => notImported == 0 ? ReportOutcome.FullyProcessed : ReportOutcome.PartiallyProcessed,
        var ending when ending.IsFinal() => ReportOutcome.Failed,
        _ => ReportOutcome.InProgress,
    };

    /// <summary>
    /// The outcome in words: the history's marker ("Fully processed", "Partially processed: N rows skipped", or the
    /// status), followed for an undone import by what became of it ("Fully processed; undone").
    /// </summary>
    public static string Summary(Import import, int notImported)
    {
        var ending = CommitEnding.Of(import);
        var commit = ending == ImportStatus.Committed ? ProcessedMarker(notImported) : ending.DisplayName();
        return import.Status switch
        {
            ImportStatus.Undoing => $"{commit}; being undone",
            ImportStatus.Undone => $"{commit}; undone",
            ImportStatus.UndoFailed => $"{commit}; undo failed",
            _ => commit,
        };
    }

    /// <summary>
    /// Why the import failed: the reason the commit stored, or for a cancelled import (its status says no more) who
    /// cancelled it and when, and what a replay would do. Null for an import that did not fail.
    /// </summary>
    public static string? FailureReason(Import import)
    {
        if (import.FailureReason is { Length: > 0 } reason)
        {
            return reason;
        }

        if (CommitEnding.Of(import) != ImportStatus.Cancelled)
        {
            return null;
        }

        var text = new StringBuilder($"Cancelled by {import.CancelledBy ?? "a person"}");
        if (import.CancelledAt is { } at)
        {
            text.Append(CultureInfo.InvariantCulture, $" at {at:yyyy-MM-dd HH:mm} UTC");
        }

        var committed = import.Inserted + import.Updated;
        var rows = string.Create(CultureInfo.InvariantCulture, $"{committed:N0} {(committed == 1 ? "row" : "rows")}");
        text.Append(committed == 0 ? ", before any row was committed."
            : import.Status == ImportStatus.Cancelled ? $"; the {rows} committed before stay committed."
            // An undo has touched them since: the report's undo says what became of each.
            : $"; {rows} had been committed before (the undo says what became of them).");
        // An undone import can no longer be replayed (SPEC 21); one cancelled before anyone confirmed it may not be either.
        if (import.Status == ImportStatus.Cancelled)
        {
            text.Append(' ').Append(import.ReplayRefusal() ?? "Replay the import to commit the rest.");
        }

        return text.ToString();
    }

    /// <summary>"Fully processed" or "Partially processed: N rows skipped" (the Processed Files heading's marker).</summary>
    public static string ProcessedMarker(int notImported) =>
        notImported == 0 ? "Fully processed" : $"Partially processed: {notImported:N0} {(notImported == 1 ? "row" : "rows")} skipped";
}
