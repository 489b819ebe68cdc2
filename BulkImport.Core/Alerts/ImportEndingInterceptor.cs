using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BulkImport.Core.Alerts;

/// <summary>
/// Sees every SaveChanges that moves an import into one of the four alerted endings and adds its alert messages to the
/// same SaveChanges, so they are written in the transaction of the status change that ended the import (DESIGN section 6).
/// No status-changing code needs to know about alerts. A status change made with a bulk update (ExecuteUpdate) bypasses
/// SaveChanges; such a path calls <see cref="ImportEndingAlerts.AddAsync"/> itself in its transaction.
/// </summary>
public sealed class ImportEndingInterceptor(ImportEndingAlerts alerts, OutboxSignal signal) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is BulkImportDbContext db)
        {
            await AddAlertsAsync(db, cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is BulkImportDbContext db)
        {
            AddAlertsAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        WakeSenderIfQueued(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        WakeSenderIfQueued(eventData.Context);
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ForgetUnsaved(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => ForgetUnsaved(eventData.Context);

    /// <summary>
    /// A save that failed (a status changed meanwhile: ImportChanges decides again and saves again) leaves the messages
    /// this interceptor added in the context; the next save adds the messages of the status it then saves, so the old
    /// ones go, or an ending no longer true would be mailed, or the same Message-ID written twice.
    /// </summary>
    private static void ForgetUnsaved(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    private void WakeSenderIfQueued(DbContext? context)
    {
        // Inside a transaction of the caller's, the messages are not visible until it commits: the caller wakes the sender.
        if (context is not null && context.Database.CurrentTransaction is null
            && context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.Entity.Status == OutboxStatus.Pending && e.Entity.Attempts == 0))
        {
            signal.Wake();
        }
    }

    private async Task AddAlertsAsync(BulkImportDbContext db, CancellationToken ct)
    {
        var ended = db.ChangeTracker.Entries<Import>()
            .Where(e => e.State == EntityState.Modified && ImportEndingAlerts.IsAlerted(e.Entity.Status)
                && e.Property(i => i.Status).IsModified && !Equals(e.Property(i => i.Status).OriginalValue, e.Entity.Status))
            .Select(e => e.Entity)
            .ToList();
        foreach (var import in ended)
        {
            // Already in this status in the database: someone else's change ended it (and wrote its alerts), this save
            // only repeats it (a validation that finishes after its import was cancelled).
            var stored = await db.Imports.AsNoTracking().Where(i => i.Id == import.Id).Select(i => (ImportStatus?)i.Status).SingleOrDefaultAsync(ct);
            if (stored != import.Status)
            {
                await alerts.AddAsync(db, import, ct);
            }
        }
    }
}
