using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Domains.Common;

/// <summary>The current select lists, read on a context of its own: what the review grid's dropdowns offer.</summary>
public sealed class SelectListSource(IDbContextFactory<BulkImportDbContext> dbFactory)
{
    public async Task<SelectLists> CurrentAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await SelectLists.LoadAsync(db, ct);
    }
}
