using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Reports;

/// <summary>
/// Where a new upload starts (the source article: the data type defaults to the most common upload, the mode to
/// Add/Update): the domain the person imports most often, among those offered, and Add &amp; Update.
/// </summary>
public sealed class UploadDefaults(IDbContextFactory<BulkImportDbContext> dbFactory, ImportDomains domains)
{
    public const Operation Operation = Imports.Operation.AddUpdate;

    /// <summary>
    /// The domain of most of <paramref name="user"/>'s imports (the first offered domain wins a tie); for someone who has
    /// imported nothing yet, the first offered domain.
    /// </summary>
    public async Task<Domain> MostCommonDomainAsync(string? user, CancellationToken ct)
    {
        // In registration order: the first is the product's most common domain (Client).
        var offered = domains.All.Select(d => d.Domain).ToList();
        if (offered.Count == 0 || string.IsNullOrEmpty(user))
        {
            return offered.FirstOrDefault();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.Imports.AsNoTracking().Where(i => i.CreatedBy == user && offered.Contains(i.Domain))
            .GroupBy(i => i.Domain).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return counts.Count == 0
            ? offered[0]
            : counts.OrderByDescending(c => c.Count).ThenBy(c => offered.IndexOf(c.Key)).First().Key;
    }
}
