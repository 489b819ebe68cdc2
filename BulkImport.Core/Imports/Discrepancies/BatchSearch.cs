using System.Globalization;

namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// History's search by batch details (SPEC 15): the Batch Name or the file name containing the text, or the Batch Date
/// when the text is a date (<c>MM/DD/YYYY</c> or <c>YYYY-MM-DD</c>). Plain LINQ; lower() ignores the case of every
/// letter on both engines (SQLite's is replaced by .NET's, see SqlitePragmas).
/// </summary>
public static class BatchSearch
{
    private static readonly string[] DateFormats = ["MM/dd/yyyy", "M/d/yyyy", "yyyy-MM-dd"];

    public static IQueryable<Import> Apply(IQueryable<Import> query, string search)
    {
        var text = search.Trim();
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return query.Where(i => i.BatchDate == date);
        }

        var lower = text.ToLowerInvariant();
        return query.Where(i => (i.Name != null && i.Name.ToLower().Contains(lower)) || i.FileName.ToLower().Contains(lower));
    }
}
