using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Alerts;

/// <summary>The outbox as an administrator reads it (<c>GET /api/admin/outbox</c>, the Administration page), newest first.</summary>
public sealed class OutboxQueries(IDbContextFactory<BulkImportDbContext> dbFactory)
{
    public async Task<Page<OutboxMessage>> ListAsync(OutboxStatus? status, PageRequest page, CancellationToken ct, int? importId = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<OutboxMessage>().AsNoTracking();
        if (status is { } s)
        {
            query = query.Where(m => m.Status == s);
        }

        if (importId is { } id)
        {
            query = query.Where(m => m.ImportId == id);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(m => m.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return new Page<OutboxMessage>(items, page.Page, page.PageSize, total);
    }
}
