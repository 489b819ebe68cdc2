using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Data;

/// <summary>
/// A deferred (read) transaction, so several queries see one snapshot of the database; it takes no write lock, and a
/// commit running meanwhile is neither blocked nor seen.
/// </summary>
public static class ReadSnapshot
{
    public static async Task<IAsyncDisposable> BeginAsync(BulkImportDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var transaction = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        await db.Database.UseTransactionAsync(transaction, ct);
        return transaction;
    }
}
