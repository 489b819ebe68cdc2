namespace BulkImport.Core.Data;

/// <summary>
/// A read-only transaction, so several queries see one snapshot of the database; it takes no write lock, and a commit
/// running meanwhile is neither blocked nor seen. How is the engine's (<see cref="DatabaseEngine.BeginReadSnapshotAsync"/>).
/// </summary>
public static class ReadSnapshot
{
    public static Task<IAsyncDisposable> BeginAsync(BulkImportDbContext db, CancellationToken ct) => DatabaseEngine.Of(db).BeginReadSnapshotAsync(db, ct);
}
