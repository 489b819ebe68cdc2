using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BulkImport.Tests.Support;

/// <summary>
/// Tells a test that code running in a flow it marked (<see cref="Watch"/>) is about to begin a database transaction:
/// from then on, a write transaction either goes through or waits for the write lock someone else holds.
/// </summary>
public sealed class TransactionStarts : DbTransactionInterceptor
{
    private static readonly AsyncLocal<TaskCompletionSource?> Watched = new();

    /// <summary>Marks the current flow: <paramref name="starting"/> completes when it next begins a transaction.</summary>
    public static void Watch(TaskCompletionSource starting) => Watched.Value = starting;

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Watched.Value?.TrySetResult();
        return result;
    }

    public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        Watched.Value?.TrySetResult();
        return ValueTask.FromResult(result);
    }
}
