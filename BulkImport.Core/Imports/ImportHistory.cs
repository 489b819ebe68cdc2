using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports;

/// <summary>Reads imports: one by its ID, the history page by page, and the ones that finished lately.</summary>
public sealed class ImportHistory(IDbContextFactory<BulkImportDbContext> dbFactory)
{
    public async Task<Import> GetAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw NotFound(id);
    }

    /// <summary>
    /// The same-file warning of each import that has one now (<see cref="SameFileWarning"/>), by Import ID: one query for
    /// all of them, none when no import is still read or reviewed.
    /// </summary>
    public async Task<Dictionary<int, string>> SameFileWarningsAsync(IReadOnlyCollection<Import> imports, CancellationToken ct)
    {
        if (!imports.Any(i => SameFileWarning.Applies(i.Status)))
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await SameFileWarning.FindAsync(db, imports, ct);
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
            ImportStatus[] inProgress = [ImportStatus.Validating, ImportStatus.AwaitingMapping, ImportStatus.ReadyForReview, ImportStatus.AwaitingVerification, ImportStatus.Queued, ImportStatus.Committing];
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

    /// <summary>
    /// The imports that ended in the last <paramref name="within"/>, the latest first: Live Imports keeps them on screen
    /// with their outcome, so a commit that ends between two refreshes does not just vanish.
    /// </summary>
    public async Task<List<Import>> RecentlyFinishedAsync(TimeSpan within, int max, DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var since = now - within;
        return await db.Imports.AsNoTracking()
            .Where(i => i.CompletedAt != null && i.CompletedAt >= since)
            .OrderByDescending(i => i.CompletedAt)
            .Take(max)
            .ToListAsync(ct);
    }
}
