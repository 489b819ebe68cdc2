using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Domains.Common;

/// <summary>The current (not retired) select-list values, one matcher per field, loaded in one query.</summary>
public sealed class SelectLists(IReadOnlyDictionary<string, SelectListMatcher> matchers)
{
    public static async Task<SelectLists> LoadAsync(BulkImportDbContext db, CancellationToken ct)
    {
        var values = await db.SelectListValues.AsNoTracking()
            .Where(v => !v.Retired)
            .OrderBy(v => v.Field).ThenBy(v => v.SortOrder)
            .Select(v => new { v.Field, v.Value })
            .ToListAsync(ct);
        var matchers = values
            .GroupBy(v => v.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new SelectListMatcher(g.Key, g.Select(v => v.Value)), StringComparer.Ordinal);
        return new SelectLists(matchers);
    }

    /// <summary>The matcher of a field; a field with no values at all accepts nothing.</summary>
    public SelectListMatcher For(string field) =>
        matchers.TryGetValue(field, out var matcher) ? matcher : new SelectListMatcher(field, []);
}
