namespace BulkImport.Core.Imports.Commit;

/// <summary>
/// A snapshot of a commit, published after every batch. An undo (SPEC 21) publishes the same snapshot: its rows are the
/// committed ones (<see cref="TotalRows"/>), <see cref="ProcessedRows"/> those gone through, split into
/// <see cref="Undone"/> and <see cref="Kept"/>.
/// </summary>
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
    string? Phase = null,
    int Undone = 0,
    int Kept = 0)
{
    public double Percent => TotalRows == 0 ? 100 : Math.Min(100, 100.0 * ProcessedRows / TotalRows);
}
