using BulkImport.Core.Imports;

namespace BulkImport.Core.Reports;

/// <summary>How an import ended, in the words of the File Submission lists (SPEC section 18).</summary>
public enum ReportOutcome
{
    /// <summary>Committed, and every row that is not blank was imported.</summary>
    FullyProcessed,
    /// <summary>Committed, with rows not imported (errors, rows a person skipped, rows that failed in the commit).</summary>
    PartiallyProcessed,
    /// <summary>ValidationFailed, CommitFailed or Cancelled.</summary>
    Failed,
    /// <summary>Not ended yet: the report shows what is known so far.</summary>
    InProgress,
}

/// <summary>
/// The counts of View Results. <paramref name="NotImported"/> is what the seed calls "skipped": Total Rows − inserted −
/// updated − blank rows.
/// </summary>
public sealed record ReportCounts(int TotalRows, int Inserted, int Updated, int NotImported, int BlankRows);

/// <summary>View Results of one import: its outcome, counts, file-level errors, why it failed, and a page of the rows not imported.</summary>
public sealed record ImportReport(Import Import, ReportOutcome Outcome, ReportCounts Counts, IReadOnlyList<string> FileErrors, string? FailureReason, Page<ImportRow> Rows);

/// <summary>The rules that turn an import's counters into the seed's words.</summary>
public static class ImportOutcomes
{
    /// <summary>Rows not imported: every row but the inserted, the updated and the blank ones.</summary>
    public static int NotImported(Import import, int blankRows) => Math.Max(0, import.TotalRows - import.Inserted - import.Updated - blankRows);

    public static ReportOutcome Of(Import import, int notImported) => import.Status switch
    {
        ImportStatus.Committed => notImported == 0 ? ReportOutcome.FullyProcessed : ReportOutcome.PartiallyProcessed,
        _ when import.Status.IsFinal() => ReportOutcome.Failed,
        _ => ReportOutcome.InProgress,
    };

    /// <summary>"Fully processed" or "Partially processed: N rows skipped" (the Processed Files heading's marker).</summary>
    public static string ProcessedMarker(int notImported) =>
        notImported == 0 ? "Fully processed" : $"Partially processed: {notImported:N0} {(notImported == 1 ? "row" : "rows")} skipped";
}
