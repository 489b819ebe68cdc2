using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports;

/// <summary>Reads imports: one by its ID, the history page by page, and how many are in progress, processed and failed.</summary>
public sealed class ImportHistory(IDbContextFactory<BulkImportDbContext> dbFactory)
{
    public async Task<Import> GetAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw NotFound(id);
    }

    /// <summary>The refusal of an Import ID that does not exist (or that the person may not see).</summary>
    public static ImportProblem NotFound(int id) => ImportProblem.NotFound($"Import {id} does not exist. Check the Import ID in Import History.");

    /// <summary>The history page by page, newest first (or oldest first).</summary>
    public async Task<Page<Import>> ListAsync(ImportFilter filter, PageRequest page, CancellationToken ct, bool oldestFirst = false)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Imports.AsNoTracking().AsQueryable();
        if (filter.Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }

        if (filter.Domain is { } domain)
        {
            query = query.Where(i => i.Domain == domain);
        }

        if (filter.InProgressOnly)
        {
            ImportStatus[] inProgress = [ImportStatus.Validating, ImportStatus.ReadyForReview, ImportStatus.AwaitingVerification, ImportStatus.Queued, ImportStatus.Committing];
            query = query.Where(i => inProgress.Contains(i.Status));
        }

        if (filter.CreatedBy is { } user)
        {
            query = query.Where(i => i.CreatedBy == user);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            query = Discrepancies.BatchSearch.Apply(query, filter.Search);
        }

        var total = await query.CountAsync(ct);
        var ordered = oldestFirst ? query.OrderBy(i => i.Id) : query.OrderByDescending(i => i.Id);
        var items = await ordered.Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return new Page<Import>(items, page.Page, page.PageSize, total);
    }

    /// <summary>How many imports are in progress, processed (Committed) and failed (ValidationFailed, CommitFailed, Cancelled).</summary>
    public async Task<(int InProgress, int Processed, int Failed)> OverviewAsync(string? createdBy, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Imports.AsNoTracking();
        if (createdBy is not null)
        {
            query = query.Where(i => i.CreatedBy == createdBy);
        }

        var counts = await query.GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return (
            counts.Where(c => c.Key.IsInProgress()).Sum(c => c.Count),
            counts.Where(c => c.Key == ImportStatus.Committed).Sum(c => c.Count),
            counts.Where(c => c.Key is ImportStatus.ValidationFailed or ImportStatus.CommitFailed or ImportStatus.Cancelled).Sum(c => c.Count));
    }
}
