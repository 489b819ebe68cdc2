namespace BulkImport.Core.Imports.Commit;

/// <summary>A snapshot of a commit, published after every batch.</summary>
public sealed record ImportProgress(
    int ImportId,
    ImportStatus Status,
    int TotalRows,
    int ProcessedRows,
    int Inserted,
    int Updated,
    int Failed,
    double RowsPerSecond,
    TimeSpan? TimeRemaining,
    string? Reason = null,
    string? Phase = null)
{
    public double Percent => TotalRows == 0 ? 100 : Math.Min(100, 100.0 * ProcessedRows / TotalRows);
}
