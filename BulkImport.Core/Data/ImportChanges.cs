using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Data;

/// <summary>
/// Saves the status changes an <see cref="Import"/> decides (<c>ImportLifecycle.cs</c>) so that none is made on a
/// status that another request, worker or process changed meanwhile.
/// </summary>
public static class ImportChanges
{
    /// <summary>How often a change is decided again on a status changed meanwhile before giving up (a status changes a few times in an import's life).</summary>
    private const int MaxAttempts = 5;

    /// <summary>
    /// The properties a status change sets, read again from the database when a save finds the status changed meanwhile
    /// (the others, such as the counters a staging keeps, stay as the saving code has them).
    /// </summary>
    private static readonly string[] LifecycleProperties =
    [
        nameof(Import.Status), nameof(Import.CompletedAt), nameof(Import.ConfirmedBy), nameof(Import.ConfirmedAt),
        nameof(Import.CancelledBy), nameof(Import.CancelledAt), nameof(Import.CancelRequested), nameof(Import.ReplayedBy),
        nameof(Import.ReplayedAt), nameof(Import.CommitStartedAt), nameof(Import.FailureReason), nameof(Import.RowsPurgedAt),
        nameof(Import.UndoneBy), nameof(Import.UndoStartedAt),
    ];

    /// <summary>
    /// Loads import <paramref name="id"/>, lets <paramref name="change"/> decide (it may read more through the context,
    /// and throws to refuse), saves and commits, all in one transaction that holds the database's write lock from the
    /// start (SQLite's BEGIN IMMEDIATE): nothing can change the import between the read and the save.
    /// </summary>
    public static async Task<Import> ChangeAsync(IDbContextFactory<BulkImportDbContext> dbFactory, int id,
        Func<BulkImportDbContext, Import, Task> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var import = await db.Imports.SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw ImportHistory.NotFound(id);
        await change(db, import);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return import;
    }

    /// <inheritdoc cref="ChangeAsync(IDbContextFactory{BulkImportDbContext}, int, Func{BulkImportDbContext, Import, Task}, CancellationToken)"/>
    public static Task<Import> ChangeAsync(IDbContextFactory<BulkImportDbContext> dbFactory, int id, Action<Import> change, CancellationToken ct) =>
        ChangeAsync(dbFactory, id, (_, import) =>
        {
            change(import);
            return Task.CompletedTask;
        }, ct);

    /// <summary>
    /// Saves a change to an import tracked by <paramref name="db"/> since it was loaded a while ago (a file read or a commit
    /// ran meanwhile), with whatever else the context holds. The status is the import's concurrency token: when it
    /// changed meanwhile (a person cancelled), the save is refused, the status and its stamps are read again, and the
    /// import decides again on the status it has now.
    /// </summary>
    public static async Task SaveAsync(BulkImportDbContext db, Import import, Action<Import> change, CancellationToken ct)
    {
        change(import);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                await RefreshLifecycleAsync(db, import, ct);
                change(import);
            }
        }
    }

    private static async Task RefreshLifecycleAsync(BulkImportDbContext db, Import import, CancellationToken ct)
    {
        var entry = db.Entry(import);
        var current = await entry.GetDatabaseValuesAsync(ct) ?? throw ImportHistory.NotFound(import.Id);
        foreach (var name in LifecycleProperties)
        {
            var property = entry.Property(name);
            property.CurrentValue = current[name];
            property.OriginalValue = current[name];
            property.IsModified = false;
        }
    }
}
