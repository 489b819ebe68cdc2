namespace BulkImport.Core.Imports.Fixes;

/// <summary>
/// A row a bulk fix changed or revalidated, with its state as read: what its problem groups move by, and what is saved.
/// Kept by <see cref="RowBatchRevision"/> so the rows can be read untracked (EF's snapshots and change detection of
/// thousands of rows were a third of a replace's time).
/// </summary>
public sealed class RevisedRow(ImportRow row)
{
    public ImportRow Row { get; } = row;

    public RowStatus OldStatus { get; } = row.Status;

    public IReadOnlyList<RowMessage> OldMessages { get; } = [.. row.Messages];

    public IReadOnlyList<string?> OldValues { get; } = [.. row.Values];
}
