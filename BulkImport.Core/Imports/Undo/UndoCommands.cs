using BulkImport.Core.Data;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Undo;

/// <summary>
/// What a person does about undoing an import (SPEC 21): see what an undo would do, in numbers, and start it. The
/// import decides whether its status allows it (<c>ImportLifecycle.cs</c>), under the write lock, so two undos asked at
/// once cannot both start.
/// </summary>
public sealed class UndoCommands(IDbContextFactory<BulkImportDbContext> dbFactory, UndoQueue queue, ImportProgressFeed feed, TimeProvider clock)
{
    /// <summary>Starts (or resumes) the undo: the import is Undoing and queued for the undo worker; the request is audited.</summary>
    public async Task<Import> StartAsync(int id, string user, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var import = await ImportChanges.ChangeAsync(dbFactory, id, (db, import) =>
        {
            if (!RecordUndoers.Supports(import.Domain))
            {
                throw ImportProblem.Conflict($"Imports of the {import.Domain} domain cannot be undone.");
            }

            var was = import.Status;
            import.StartUndo(user, now);
            db.AuditEntries.Add(new AuditEntry
            {
                At = now,
                User = user,
                Action = AuditActions.ImportUndone,
                Detail = $"Import {id} ({was}): undo of {import.Inserted + import.Updated:N0} committed rows"
                    + (import.UndoneRows + import.KeptRows > 0 ? $", resumed after {import.UndoneRows + import.KeptRows:N0}" : ""),
            });
            return Task.CompletedTask;
        }, ct);
        feed.Publish(UndoRunner.Snapshot(import, 0, null));
        await queue.Imports.Writer.WriteAsync(id, ct);
        return import;
    }

    /// <summary>
    /// What undoing would do now, for the confirmation: how many records it would delete, restore or reverse, and how
    /// many of them a later import has changed since (those are kept).
    /// </summary>
    public async Task<UndoPreview> PreviewAsync(Import import, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var done = await db.Set<UndoResult>().Where(r => r.ImportId == import.Id).CountAsync(ct);
        var updatesLeft = await UpdatesLeft(db, import.Id).CountAsync(ct);
        var rowsLeft = Math.Max(0, import.Inserted + import.Updated - done);
        var changed = await ChangedSinceAsync(db, import, ct);
        return new UndoPreview(import.Id, import.Domain, rowsLeft, Math.Max(0, rowsLeft - updatesLeft), updatesLeft, changed, done);
    }

    /// <summary>The committed Update rows not undone yet (their images are kept in two places, so the rows are counted).</summary>
    private static IQueryable<RowResult> UpdatesLeft(BulkImportDbContext db, int importId) =>
        db.RowResults.Where(r => r.ImportId == importId && r.Status == RowStatus.Success
            && db.ImportRows.Any(s => s.ImportId == importId && s.RowNumber == r.RowNumber && s.Action == RowAction.Update)
            && !db.Set<UndoResult>().Any(u => u.ImportId == importId && u.RowNumber == r.RowNumber));

    /// <summary>Committed records not yet undone whose lineage names another import (or none): the undo keeps them.</summary>
    private static async Task<int> ChangedSinceAsync(BulkImportDbContext db, Import import, CancellationToken ct) =>
        ChangedSince(db, import) is { } rows ? await rows.CountAsync(ct) : 0;

    /// <summary>The committed rows not yet undone whose record a later import changed (null for a domain without records).</summary>
    internal static IQueryable<RowResult>? ChangedSince(BulkImportDbContext db, Import import)
    {
        var id = import.Id;
        var rows = db.RowResults.Where(r => r.ImportId == id && r.Status == RowStatus.Success
            && !db.Set<UndoResult>().Any(u => u.ImportId == id && u.RowNumber == r.RowNumber));
        // The record ID is cast to the key's type, not the key to the record ID's: a cast on the key column
        // ("CAST(ClientId AS INTEGER) = RecordId") hides its index, and every row then scanned the whole table (an
        // import of 34,000 rows against a few hundred thousand clients did not answer in minutes).
        return import.Domain.Name switch
        {
            "Client" => rows.Where(r => !db.Clients.Any(c => c.ClientId == (int)r.RecordId! && c.LastImportId == id && c.LastImportRow == r.RowNumber)),
            "ClientAssignment" => rows.Where(r => !db.ClientAssignments.Any(a => a.AssignmentId == (int)r.RecordId! && a.LastImportId == id && a.LastImportRow == r.RowNumber)),
            "Payment" => rows.Where(r => !db.Payments.Any(p => p.PaymentId == (int)r.RecordId! && p.CreatedByImportId == id)),
            _ => null,
        };
    }

    /// <summary>
    /// At start: an import left Undoing by a stopped process has no worker any more; it is marked UndoFailed (undoing
    /// it again resumes it).
    /// </summary>
    public async Task<int> MarkInterruptedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = await ListUndoingAsync(ct);
        foreach (var id in ids)
        {
            await ImportChanges.ChangeAsync(dbFactory, id, i => i.MarkUndoInterrupted(now), ct);
        }

        return ids.Count;
    }

    private async Task<List<int>> ListUndoingAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Imports.Where(i => i.Status == ImportStatus.Undoing).Select(i => i.Id).ToListAsync(ct);
    }
}

/// <summary>
/// What an undo would do now (SPEC 21), in numbers: of the committed rows still to undo, how many inserted a record
/// (deleted, or reversed for a payment) and how many updated one (restored), and how many of those records a later
/// import changed since (kept). <paramref name="AlreadyDone"/>: rows a failed or cancelled undo went through already.
/// </summary>
public sealed record UndoPreview(int ImportId, Domain Domain, int Rows, int Inserts, int Updates, int ChangedSince, int AlreadyDone);
