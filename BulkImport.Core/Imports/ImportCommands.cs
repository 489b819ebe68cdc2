using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports;

/// <summary>
/// What a person (through the screens or the API) does with an import as a whole: start it from an upload, confirm
/// it, cancel it, replay it. Every change checks the status with a conditional update, so two clicks or two viewers
/// cannot both succeed.
/// </summary>
public sealed class ImportCommands(
    IDbContextFactory<BulkImportDbContext> dbFactory,
    ImportDomains domains,
    ImportFiles files,
    ImportHistory history,
    ImportWorkQueue queue,
    UsageService usage,
    ImportProgressFeed feed,
    TimeProvider clock)
{
    public async Task<Import> CreateAsync(NewImport request, CancellationToken ct)
    {
        var stored = request.File;
        try
        {
            var domain = domains.Get(request.Domain);
            if (request.AutoCreateInvoices && (!domain.SupportsInvoices || request.Operation == Operation.Update))
            {
                throw ImportProblem.BadRequest("Auto Create Invoices is offered only for Client Assignment imports with Add or Add & Update.");
            }
        }
        catch
        {
            files.Delete(stored);
            throw;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var import = new Import
        {
            Name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim(),
            Domain = request.Domain,
            Operation = request.Operation,
            AutoCreateInvoices = request.AutoCreateInvoices,
            Status = ImportStatus.Validating,
            FileName = SafeFileName.Of(request.FileName),
            StoredFileName = stored.StoredFileName,
            FileSize = stored.Size,
            FileSha256 = stored.Sha256,
            CreatedBy = request.User,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (await SameFileWarning.FindAsync(db, stored.Sha256, ct) is { } sameFile)
        {
            import.FileWarnings.Add(sameFile);
        }

        db.Imports.Add(import);
        await db.SaveChangesAsync(ct);
        await queue.Validation.Writer.WriteAsync(import.Id, ct);
        return import;
    }

    /// <summary>Confirms the import: checks the usage limits and queues the commit.</summary>
    public async Task<Import> QueueCommitAsync(int id, string user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw ImportHistory.NotFound(id);
        if (import.Status != ImportStatus.ReadyForReview)
        {
            throw ImportProblem.Conflict(import.Status switch
            {
                ImportStatus.Validating => $"Import {id} is still being read and validated. Wait until it is ready for review, then commit.",
                ImportStatus.Queued or ImportStatus.Committing => $"Import {id} is already being committed.",
                ImportStatus.CommitFailed or ImportStatus.Cancelled => $"Import {id} is {import.Status}. Use replay to continue it.",
                _ => $"Import {id} is {import.Status} and cannot be committed.",
            });
        }

        var report = await usage.GetAsync(db, ct);
        var overLimit = report.WhyNotAllowed(import.ValidRows);
        if (overLimit is not null)
        {
            throw ImportProblem.Conflict(overLimit);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.Imports
            .Where(i => i.Id == id && i.Status == ImportStatus.ReadyForReview)
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ImportStatus.Queued)
                .SetProperty(i => i.ConfirmedBy, user)
                .SetProperty(i => i.ConfirmedAt, now), ct);
        if (changed == 0)
        {
            throw ImportProblem.Conflict($"Import {id} was confirmed by someone else a moment ago.");
        }

        await queue.Commit.Writer.WriteAsync(id, ct);
        return await history.GetAsync(id, ct);
    }

    public async Task<Import> CancelAsync(int id, string user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var import = await db.Imports.SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw ImportHistory.NotFound(id);
        var now = clock.GetUtcNow().UtcDateTime;
        if (import.Status == ImportStatus.Committing)
        {
            // The committer stops at the next batch boundary and sets Cancelled itself.
            await db.Imports.Where(i => i.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.CancelRequested, true)
                .SetProperty(i => i.CancelledBy, user)
                .SetProperty(i => i.CancelledAt, now), ct);
            return await history.GetAsync(id, ct);
        }

        var changed = await db.Imports
            .Where(i => i.Id == id && (i.Status == ImportStatus.Validating || i.Status == ImportStatus.ReadyForReview
                || i.Status == ImportStatus.AwaitingVerification || i.Status == ImportStatus.Queued))
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ImportStatus.Cancelled)
                .SetProperty(i => i.CancelRequested, true)
                .SetProperty(i => i.CancelledBy, user)
                .SetProperty(i => i.CancelledAt, now)
                .SetProperty(i => i.CompletedAt, now), ct);
        if (changed == 0)
        {
            var current = await history.GetAsync(id, ct);
            if (current.Status == ImportStatus.Committing)
            {
                return await CancelAsync(id, user, ct);
            }

            throw ImportProblem.Conflict($"Import {id} is {current.Status}; only an import that has not finished can be cancelled.");
        }

        var cancelled = await history.GetAsync(id, ct);
        feed.Publish(ImportCommitRunner.Snapshot(cancelled, 0, null));
        return cancelled;
    }

    /// <summary>Re-queues a CommitFailed or Cancelled import; the committer continues at the first row not yet committed.</summary>
    public async Task<Import> ReplayAsync(int id, string user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.Imports
            .Where(i => i.Id == id && (i.Status == ImportStatus.CommitFailed || i.Status == ImportStatus.Cancelled))
            .ExecuteUpdateAsync(s => s
                .SetProperty(i => i.Status, ImportStatus.Queued)
                .SetProperty(i => i.CancelRequested, false)
                .SetProperty(i => i.CompletedAt, (DateTime?)null)
                .SetProperty(i => i.ReplayedBy, user)
                .SetProperty(i => i.ReplayedAt, now), ct);
        if (changed == 0)
        {
            var current = await history.GetAsync(id, ct);
            throw ImportProblem.Conflict($"Import {id} is {current.Status}; only a CommitFailed or Cancelled import can be replayed.");
        }

        await queue.Commit.Writer.WriteAsync(id, ct);
        return await history.GetAsync(id, ct);
    }
}
