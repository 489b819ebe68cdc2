using System.Text.RegularExpressions;
using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Clients;

/// <summary>
/// What an administrator does with select lists: add a value, rename it, retire it (later imports refuse it) or restore it.
/// Renaming relabels the client records that hold the value, so the stored data keeps matching the list; the rows of
/// past imports keep the text their file had (they are the record of what was imported) and their results do not change.
/// Every change is written to the audit log.
/// </summary>
public sealed partial class SelectListAdministration(IDbContextFactory<BulkImportDbContext> dbFactory, TimeProvider clock, IEnumerable<IImportDomain> domains)
{
    /// <summary>Every select-list field of every registered domain, with where its records store it.</summary>
    private readonly IReadOnlyList<SelectListField> _fields = [.. domains.SelectMany(d => d.SelectListFields)];

    public const int ValueMaxLength = 200;

    /// <summary>The select-list fields: every field with values, and every field a template has.</summary>
    public async Task<IReadOnlyList<string>> FieldsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.SelectListValues.AsNoTracking().Select(v => v.Field).Distinct().ToListAsync(ct);
        return [.. stored.Concat(_fields.Select(f => f.Column))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Every value of every field (retired ones too), by field and list order.</summary>
    public async Task<IReadOnlyList<SelectListEntry>> AllAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var values = await db.SelectListValues.AsNoTracking().OrderBy(v => v.Field).ThenBy(v => v.SortOrder).ThenBy(v => v.Id).ToListAsync(ct);
        return [.. values.Select(SelectListEntry.From)];
    }

    /// <summary>One value (retired or not), as the list shows it; 404 when there is none by that ID.</summary>
    public async Task<SelectListEntry> GetAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return SelectListEntry.From(await FindAsync(db, id, ct));
    }

    public async Task<SelectListEntry> AddAsync(string? field, string? value, string user, CancellationToken ct)
    {
        var fieldName = await KnownFieldAsync(field, ct);
        var text = Clean(value);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await SameValueAsync(db, fieldName, text, exceptId: null, ct);
        if (existing is not null)
        {
            throw ImportProblem.Conflict(existing.Retired
                ? $"'{existing.Value}' is a retired value of {fieldName}. Restore it instead of adding it again."
                : $"{fieldName} already has the value '{existing.Value}'.");
        }

        var order = await db.SelectListValues.Where(v => v.Field == fieldName).MaxAsync(v => (int?)v.SortOrder, ct) ?? 0;
        var entry = new SelectListValue { Field = fieldName, Value = text, SortOrder = order + 1 };
        db.SelectListValues.Add(entry);
        Audit(db, user, AuditActions.SelectListValueAdded, $"{fieldName}: '{text}'");
        await db.SaveChangesAsync(ct);
        return SelectListEntry.From(entry);
    }

    /// <summary>
    /// Renames a value and relabels the records that hold it, in one transaction. The rename is kept, so imports validated
    /// before it commit the new text (<see cref="Imports.Commit.SelectListRelabel"/>).
    /// </summary>
    public async Task<SelectListRename> RenameAsync(int id, string? newValue, string user, CancellationToken ct)
    {
        var text = Clean(newValue);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await FindAsync(db, id, ct);
        var oldValue = entry.Value;
        if (oldValue == text)
        {
            return new SelectListRename(SelectListEntry.From(entry), oldValue, 0);
        }

        if (await SameValueAsync(db, entry.Field, text, exceptId: id, ct) is { } clash)
        {
            throw ImportProblem.Conflict($"{entry.Field} already has the value '{clash.Value}'{(clash.Retired ? " (retired)" : "")}. Choose another name.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        entry.Value = text;
        db.SelectListValueRenames.Add(new SelectListValueRename { Field = entry.Field, OldValue = oldValue, NewValue = text, RenamedAt = clock.GetUtcNow().UtcDateTime });
        Audit(db, user, AuditActions.SelectListValueRenamed, $"{entry.Field}: '{oldValue}' to '{text}'");
        await db.SaveChangesAsync(ct);

        var updated = 0;
        foreach (var stored in _fields.Where(f => f.Column == entry.Field))
        {
            // Table and column come from the domains' code, never from the request; the values are parameters.
            var relabel = $"UPDATE \"{stored.Table}\" SET \"{stored.StoredColumn}\" = {{0}} WHERE \"{stored.StoredColumn}\" = {{1}}";
            updated += await db.Database.ExecuteSqlRawAsync(relabel, [text, oldValue], ct);
        }

        await transaction.CommitAsync(ct);
        return new SelectListRename(SelectListEntry.From(entry), oldValue, updated);
    }

    /// <summary>Retires a value (imports validated from now on refuse it) or restores it. Stored records keep it.</summary>
    public async Task<SelectListEntry> SetRetiredAsync(int id, bool retired, string user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entry = await FindAsync(db, id, ct);
        if (entry.Retired != retired)
        {
            entry.Retired = retired;
            Audit(db, user, retired ? AuditActions.SelectListValueRetired : AuditActions.SelectListValueRestored, $"{entry.Field}: '{entry.Value}'");
            await db.SaveChangesAsync(ct);
        }

        return SelectListEntry.From(entry);
    }

    /// <summary>The value as it is stored: trimmed, inner runs of white space (tabs, line breaks) made one space, as the matcher ignores them anyway.</summary>
    public static string Clean(string? value)
    {
        var text = InnerSpace().Replace(value ?? "", " ").Trim();
        if (text.Length == 0)
        {
            throw ImportProblem.BadRequest("Enter the value's text.");
        }

        if (text.Length > ValueMaxLength)
        {
            throw ImportProblem.BadRequest($"A select-list value can be at most {ValueMaxLength} characters long; this one has {text.Length}.");
        }

        if (text.Any(char.IsControl))
        {
            throw ImportProblem.BadRequest("A select-list value cannot contain control characters. Type the value on one line.");
        }

        return text;
    }

    private async Task<string> KnownFieldAsync(string? field, CancellationToken ct)
    {
        var fields = await FieldsAsync(ct);
        var name = field?.Trim() ?? "";
        return fields.FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase))
            ?? throw ImportProblem.BadRequest($"'{name}' is not a select-list field. Use one of: {string.Join(", ", fields)}.");
    }

    private static async Task<SelectListValue> FindAsync(BulkImportDbContext db, int id, CancellationToken ct) =>
        await db.SelectListValues.SingleOrDefaultAsync(v => v.Id == id, ct)
        ?? throw ImportProblem.NotFound($"Select-list value {id} does not exist. List the values with GET /api/admin/select-lists.");

    private static async Task<SelectListValue?> SameValueAsync(BulkImportDbContext db, string field, string value, int? exceptId, CancellationToken ct)
    {
        // Case-insensitive in memory: SQLite's lower() knows ASCII only, and one field has a handful of values.
        var values = await db.SelectListValues.AsNoTracking().Where(v => v.Field == field && v.Id != exceptId).ToListAsync(ct);
        return values.FirstOrDefault(v => string.Equals(v.Value, value, StringComparison.OrdinalIgnoreCase));
    }

    private void Audit(BulkImportDbContext db, string user, string action, string detail) =>
        db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow().UtcDateTime, User = user, Action = action, Detail = detail });

    [GeneratedRegex(@"\s+")]
    private static partial Regex InnerSpace();
}
