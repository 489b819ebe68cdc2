using System.Data.Common;

namespace BulkImport.Core.Domains;

/// <summary>
/// Writes one batch of valid rows inside the caller's transaction (the same one that marks the rows),
/// so a batch is either wholly written and marked, or not at all.
/// </summary>
public interface IDomainCommitter : IDisposable
{
    Task<IReadOnlyList<RowOutcome>> CommitBatchAsync(DbConnection connection, DbTransaction transaction, CommitBatch batch, CancellationToken ct);

    /// <summary>
    /// The reader of the before-images this committer's Update rows need, made on the read-ahead connection, which reads
    /// each batch's images while the writer is on the batches before; null when the committer keeps its images in its own
    /// transaction (or has none to keep).
    /// </summary>
    Data.BeforeImageReader? CreateBeforeImageReader(DbConnection readConnection) => null;
}

/// <summary>
/// What became of one row: Success with the record's ID, or Failed with a reason a person can act on and the column
/// it is about (the grid marks that cell), when it is about one.
/// </summary>
public readonly record struct RowOutcome(int RowNumber, bool Success, Imports.RowAction Action, long? RecordId, long? InvoiceId, string? Error, string? Column = null)
{
    public static RowOutcome Succeeded(int rowNumber, Imports.RowAction action, long recordId, long? invoiceId = null) =>
        new(rowNumber, true, action, recordId, invoiceId, null);

    public static RowOutcome FailedWith(int rowNumber, Imports.RowAction action, string error, string? column = null) =>
        new(rowNumber, false, action, null, null, error, column);
}
