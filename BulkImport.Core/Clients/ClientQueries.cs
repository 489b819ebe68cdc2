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
                query = Matching(db, query, term);
            }
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(c => c.ClientId).Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return new Page<Client>(items, page.Page, page.PageSize, total);
    }

    /// <summary>
    /// The clients whose first name, last name, both (first last) or e-mail contain <paramref name="term"/>, ignoring the
    /// case of every letter on both engines (SQLite's lower() is made Unicode-aware by SqlitePragmas): LIKE ignored ASCII
    /// case only on SQLite and no case at all on PostgreSQL, so "MARCO" found nobody there.
    /// </summary>
    /// <remarks>
    /// On SQLite that lower() is a .NET call per value, four a client: a search of a million clients took 4-10 s a page
    /// (counted, then paged). A value that is all ASCII is matched by SQLite's own LIKE, which ignores ASCII case and gives
    /// the same answer; lower() is called only for the values holding another character (GLOB <c>[^ -~]</c>).
    /// </remarks>
    internal static IQueryable<Client> Matching(BulkImportDbContext db, IQueryable<Client> clients, string term)
    {
        var lower = term.ToLowerInvariant();
        if (!db.Database.IsSqlite())
        {
            return clients.Where(c =>
                c.FirstName.ToLower().Contains(lower) ||
                c.LastName.ToLower().Contains(lower) ||
                (c.FirstName + " " + c.LastName).ToLower().Contains(lower) ||
                (c.Email != null && c.Email.ToLower().Contains(lower)));
        }

        // % and _ are text (docs/decisions.md, "Searches ignore the case").
        var like = "%" + lower.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
        const string notAscii = "*[^ -~]*";
        return clients.Where(c =>
            EF.Functions.Like(c.FirstName, like, @"\") || (EF.Functions.Glob(c.FirstName, notAscii) && c.FirstName.ToLower().Contains(lower)) ||
            EF.Functions.Like(c.LastName, like, @"\") || (EF.Functions.Glob(c.LastName, notAscii) && c.LastName.ToLower().Contains(lower)) ||
            EF.Functions.Like(c.FirstName + " " + c.LastName, like, @"\") ||
            ((EF.Functions.Glob(c.FirstName, notAscii) || EF.Functions.Glob(c.LastName, notAscii)) && (c.FirstName + " " + c.LastName).ToLower().Contains(lower)) ||
            (c.Email != null && (EF.Functions.Like(c.Email, like, @"\") || (EF.Functions.Glob(c.Email, notAscii) && c.Email.ToLower().Contains(lower)))));
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
