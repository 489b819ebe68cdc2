using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BulkImport.Core.Data.PostgreSql;

/// <summary>
/// Gives a transaction begun through EF Core on PostgreSQL what SQLite's BEGIN IMMEDIATE gives it: the app's write lock
/// from its first statement, held to its end (a transaction-scoped advisory lock). The app's short read-decide-write
/// transactions rely on it: a status change (<c>ImportChanges</c>), a row edit, a commit's usage reservation (two
/// commits must not both read the same room under the limits and both take it), a select-list rename. The hot paths
/// (staging batches, commit batches) use transactions of their own on the connection and never take it, so on
/// PostgreSQL large imports write side by side. Read snapshots (REPEATABLE READ) take no lock either.
/// </summary>
public sealed class PostgreSqlWriteLock : DbTransactionInterceptor
{
    /// <summary>The advisory lock's key: any fixed number no other application on the database uses ("BulkImp" in ASCII).</summary>
    public const long Key = 0x42756C6B496D70;

    private static readonly string Take = $"SELECT pg_advisory_xact_lock({Key})";

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        if (Writes(result))
        {
            using var command = Command(connection, result);
            command.ExecuteNonQuery();
        }

        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        if (Writes(result))
        {
            await using var command = Command(connection, result);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>A read snapshot asks for REPEATABLE READ; every other transaction the app begins is one that writes.</summary>
    private static bool Writes(DbTransaction transaction) => transaction.IsolationLevel is not (IsolationLevel.RepeatableRead or IsolationLevel.Snapshot);

    private static DbCommand Command(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Take;
        return command;
    }
}
