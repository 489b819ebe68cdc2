using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BulkImport.Core.Jobs;

/// <summary>
/// Tells <see cref="WriteTurns"/> when a write through EF Core is about to ask for the database's lock and when it has it
/// (or ended): a transaction begun (SQLite's BEGIN IMMEDIATE takes the lock), a save outside a transaction, an
/// <c>ExecuteUpdate</c>/<c>ExecuteDelete</c>/<c>ExecuteSql</c> outside a transaction. Reads are not announced: in WAL
/// mode they never wait for a writer. Only the announcement is tracked, never the transaction's end, so a transaction
/// left without commit or rollback cannot block anyone.
/// </summary>
public sealed class WriteTurnInterceptor(WriteTurns turns) : DbTransactionInterceptor, ISaveChangesInterceptor, IDbCommandInterceptor
{
    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        turns.Announce(connection);
        return result;
    }

    public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        turns.Announce(connection);
        return ValueTask.FromResult(result);
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        turns.Arrived(connection);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        turns.Arrived(connection);
        return ValueTask.FromResult(result);
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData)
    {
        // A failed commit or rollback may have detached the transaction from its connection: its announcement then lapses.
        if (transaction.Connection is { } connection)
        {
            turns.Arrived(connection);
        }
    }

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AnnounceSave(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AnnounceSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        EndSave(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        EndSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => EndSave(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        EndSave(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => EndSave(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        EndSave(eventData.Context);
        return Task.CompletedTask;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        AnnounceCommand(command);
        return result;
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        AnnounceCommand(command);
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        EndCommand(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        EndCommand(command);
        return ValueTask.FromResult(result);
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => EndCommand(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        EndCommand(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => EndCommand(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        EndCommand(command);
        return Task.CompletedTask;
    }

    /// <summary>A save in a transaction already has the lock; one outside begins its own write (or a transaction, announced again).</summary>
    private void AnnounceSave(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            turns.Announce(context.Database.GetDbConnection());
        }
    }

    private void EndSave(DbContext? context)
    {
        if (context is not null)
        {
            turns.Arrived(context.Database.GetDbConnection());
        }
    }

    private void AnnounceCommand(DbCommand command)
    {
        if (command.Transaction is null && command.Connection is { } connection)
        {
            turns.Announce(connection);
        }
    }

    private void EndCommand(DbCommand command)
    {
        if (command.Connection is { } connection)
        {
            turns.Arrived(connection);
        }
    }
}
