using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Usage;

/// <summary>Usage now, read on a context of its own: what the Confirm screen shows (pages never open a database context).</summary>
public sealed class UsageReports(IDbContextFactory<BulkImportDbContext> dbFactory, UsageService usage)
{
    public async Task<UsageReport> CurrentAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await usage.GetAsync(db, ct);
    }
}
