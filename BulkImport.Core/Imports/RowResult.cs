namespace BulkImport.Core.Imports;

/// <summary>
/// The commit's outcome for one staged row: Success with the created or updated record, or Failed with why. It is kept
/// apart from the staged row, so the commit appends one narrow entry per row instead of rewriting the staged row and
/// moving it in the status index (about half of a million-row commit's time, issue 7). A staged Valid row that has a
/// result shows the result's status (<see cref="ImportRow.Apply"/>).
/// </summary>
public sealed class RowResult : IRowNumbered
{
    public int ImportId { get; set; }
    /// <summary><see cref="RowStatus.Success"/> or <see cref="RowStatus.Failed"/>.</summary>
    public RowStatus Status { get; set; }
    public int RowNumber { get; set; }
    public long? RecordId { get; set; }
    public long? InvoiceId { get; set; }
    /// <summary>Why the row failed; null for a success.</summary>
    public string? Error { get; set; }
    /// <summary>The template column a failure is about (a payment's Amount that no longer fits); null when it is about the row.</summary>
    public string? Column { get; set; }

    /// <summary>The rule name of a commit failure among a row's messages.</summary>
    public const string CommitCode = "commit";

    /// <summary>The row's messages after the commit: none for a success, the failure for a failed row.</summary>
    public List<RowMessage> Messages() => Error is null ? [] : [new RowMessage(Column, Error, CommitCode)];
}
