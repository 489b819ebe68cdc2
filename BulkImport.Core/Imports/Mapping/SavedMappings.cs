using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Mapping;

/// <summary>
/// The saved mappings ("Card Templates", SPEC 16) of every domain: listed and created by any importer, deleted by their
/// creator or an administrator (the caller says whether the person is one). Names are unique per domain, ignoring case.
/// </summary>
public sealed class SavedMappings(IDbContextFactory<BulkImportDbContext> dbFactory, ImportDomains domains, TimeProvider clock)
{
    /// <summary>The Card Templates of a domain (of every domain without one), by name.</summary>
    public async Task<Page<SavedMapping>> ListAsync(Domain? domain, PageRequest page, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.SavedMappings.AsNoTracking();
        if (domain is { } d)
        {
            query = query.Where(m => m.Domain == d);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(m => m.NormalizedName).ThenBy(m => m.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        return new Page<SavedMapping>(items, page.Page, page.PageSize, total);
    }

    /// <summary>One Card Template, as the list shows it; 404 when there is none by that ID.</summary>
    public async Task<SavedMapping> GetAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.SavedMappings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct) ?? throw NotFound(id);
    }

    /// <summary>Saves a Card Template; 400 for a bad name or columns, 409 for a name the domain already has.</summary>
    public async Task<SavedMapping> CreateAsync(string? name, Domain domain, IReadOnlyDictionary<string, string?>? columns, string user, CancellationToken ct)
    {
        var mapping = New(name, domain, columns, user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await AddAsync(db, mapping, ct);
        await transaction.CommitAsync(ct);
        return mapping;
    }

    /// <summary>
    /// A Card Template checked and ready to add (its columns in the template's spelling), not saved yet: a person's
    /// mapping is saved as one in the transaction that applies it.
    /// </summary>
    public SavedMapping New(string? name, Domain domain, IReadOnlyDictionary<string, string?>? columns, string user)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0 || trimmed.Length > SavedMapping.NameMaxLength)
        {
            throw ImportProblem.BadRequest($"A Card Template needs a name of 1 to {SavedMapping.NameMaxLength} characters.");
        }

        var template = domains.Get(domain);
        return new SavedMapping
        {
            Name = trimmed,
            NormalizedName = SavedMapping.Normalize(trimmed),
            Domain = domain,
            Columns = MappingRules.CheckSaved(columns, template.Columns),
            CreatedBy = user,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
    }

    /// <summary>Adds <paramref name="mapping"/> to <paramref name="db"/> and saves, refusing (409) a name its domain already has.</summary>
    public static async Task AddAsync(BulkImportDbContext db, SavedMapping mapping, CancellationToken ct)
    {
        if (await db.SavedMappings.AnyAsync(m => m.Domain == mapping.Domain && m.NormalizedName == mapping.NormalizedName, ct))
        {
            throw NameUsed(mapping);
        }

        db.SavedMappings.Add(mapping);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Saved meanwhile by someone else: the unique index decides, and the answer is the same.
            db.SavedMappings.Entry(mapping).State = EntityState.Detached;
            throw NameUsed(mapping);
        }
    }

    /// <summary>Deletes a Card Template: its creator or an administrator only. Imports it mapped keep their own copy of its columns.</summary>
    public async Task DeleteAsync(int id, string user, bool isAdmin, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mapping = await db.SavedMappings.SingleOrDefaultAsync(m => m.Id == id, ct) ?? throw NotFound(id);
        if (!isAdmin && !string.Equals(mapping.CreatedBy, user, StringComparison.OrdinalIgnoreCase))
        {
            throw new ImportProblem(403, "Not allowed", $"Card Template '{mapping.Name}' was saved by {mapping.CreatedBy}: only they or an administrator can delete it.");
        }

        db.SavedMappings.Remove(mapping);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The Card Template an upload names (<c>mappingId</c>); 400 when there is none by that ID or it is another domain's.</summary>
    public async Task<SavedMapping> ForUploadAsync(int id, Domain domain, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mapping = await db.SavedMappings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct)
            ?? throw ImportProblem.BadRequest($"There is no Card Template {id} (mappingId). Choose one from GET /api/mappings, or leave mappingId out.");
        return mapping.Domain == domain ? mapping
            : throw ImportProblem.BadRequest($"Card Template '{mapping.Name}' (mappingId {id}) maps {domains.DisplayName(mapping.Domain)} files, not {domains.DisplayName(domain)} files. Choose one of this domain's Card Templates.");
    }

    private static ImportProblem NameUsed(SavedMapping mapping) =>
        ImportProblem.Conflict($"A Card Template named '{mapping.Name}' already exists for {mapping.Domain} imports. Choose another name, or delete the old one first.");

    private static ImportProblem NotFound(int id) => ImportProblem.NotFound($"There is no Card Template {id}. See GET /api/mappings for the saved ones.");
}
