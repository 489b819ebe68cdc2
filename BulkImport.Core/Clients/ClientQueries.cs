using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Clients;

/// <summary>Reads clients for the client API: search, and one client with its assignments, their invoices and the payments of each.</summary>
public sealed class ClientQueries(IDbContextFactory<BulkImportDbContext> dbFactory)
{
    public async Task<Page<Client>> SearchAsync(string? search, PageRequest page, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Clients.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            if (int.TryParse(term, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                query = query.Where(c => c.ClientId == id);
            }
            else
            {
                // Ignoring case on both engines (SQLite's lower() is made Unicode-aware by SqlitePragmas): LIKE
                // ignored ASCII case on SQLite and no case at all on PostgreSQL, so "MARCO" found nobody there.
                var lower = term.ToLowerInvariant();
                query = query.Where(c =>
                    c.FirstName.ToLower().Contains(lower) ||
                    c.LastName.ToLower().Contains(lower) ||
                    (c.FirstName + " " + c.LastName).ToLower().Contains(lower) ||
                    (c.Email != null && c.Email.ToLower().Contains(lower)));
            }
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(c => c.ClientId).Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return new Page<Client>(items, page.Page, page.PageSize, total);
    }

    public async Task<Client?> GetAsync(int clientId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Clients.AsNoTracking()
            .Include(c => c.Assignments.OrderBy(a => a.AssignmentId))
            .ThenInclude(a => a.Invoices.OrderBy(i => i.InvoiceId))
            .ThenInclude(i => i.Payments.OrderBy(p => p.PaymentId))
            .SingleOrDefaultAsync(c => c.ClientId == clientId, ct);
    }
}
