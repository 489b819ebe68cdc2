using BulkImport.Core.Csv;

namespace BulkImport.Core.Imports.Mapping;

/// <summary>
/// What makes a column mapping acceptable (SPEC 16), for a person's mapping of one file and for a saved Card Template:
/// every file column and template column it names exists, no two file columns go onto one template column, and (for a
/// file) every required column is mapped. A refusal is a 400 that names every problem at once.
/// </summary>
public static class MappingRules
{
    /// <summary>
    /// The whole mapping of a file: each of its header's columns (blank padding aside) with the template column it feeds,
    /// or null to ignore it. A column <paramref name="requested"/> does not name keeps what <paramref name="given"/> (a
    /// saved mapping chosen at upload) or its own name (SPEC 5) gives it, and is ignored otherwise.
    /// </summary>
    public static Dictionary<string, string?> Resolve(IReadOnlyList<string> headerCells, IReadOnlyDictionary<string, string?> requested,
        IReadOnlyList<string> templateColumns, IReadOnlyCollection<string> requiredColumns, IReadOnlyDictionary<string, string?>? given)
    {
        ArgumentNullException.ThrowIfNull(headerCells);
        ArgumentNullException.ThrowIfNull(requested);
        var problems = new List<string>();
        var fileColumns = headerCells.Where(c => HeaderName.Normalize(c).Length > 0).ToList();
        var fileKeys = fileColumns.Select(HeaderName.Normalize).ToHashSet(StringComparer.Ordinal);
        var wanted = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (fileColumn, templateColumn) in requested)
        {
            var key = HeaderName.Normalize(fileColumn ?? "");
            if (!fileKeys.Contains(key))
            {
                problems.Add($"'{fileColumn}' is not a column of the file; its columns are {Quoted(fileColumns)}.");
                continue;
            }

            wanted[key] = Canonical(templateColumn, templateColumns, problems);
        }

        var givenByKey = ColumnMap.ByKey(given) ?? new Dictionary<string, string?>();
        var mapping = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var fileColumn in fileColumns)
        {
            var key = HeaderName.Normalize(fileColumn);
            mapping[fileColumn] = wanted.TryGetValue(key, out var chosen) ? chosen
                : givenByKey.TryGetValue(key, out var saved) ? (saved is null ? null : ColumnMap.TemplateColumn(saved, templateColumns))
                : ColumnMap.TemplateColumn(fileColumn, templateColumns);
        }

        CheckOnePerTemplateColumn(mapping, problems);
        foreach (var required in requiredColumns)
        {
            if (!mapping.Values.Contains(required))
            {
                problems.Add($"Required column '{required}' is not mapped: choose the file column that holds it.");
            }
        }

        return problems.Count == 0 ? mapping : throw Refused(problems);
    }

    /// <summary>
    /// A Card Template's columns as stored: each file column name trimmed, each template column in the template's
    /// spelling. No two file columns may be one (by SPEC 5's rule), nor go onto one template column.
    /// </summary>
    public static Dictionary<string, string?> CheckSaved(IReadOnlyDictionary<string, string?>? columns, IReadOnlyList<string> templateColumns)
    {
        if (columns is null || columns.Count == 0)
        {
            throw ImportProblem.BadRequest("A Card Template needs its columns: send \"columns\": {\"File Column\": \"Template Column\" or null to ignore it}.");
        }

        var problems = new List<string>();
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        var mapping = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (fileColumn, templateColumn) in columns)
        {
            var name = (fileColumn ?? "").Trim();
            var key = HeaderName.Normalize(name);
            if (key.Length == 0)
            {
                problems.Add($"'{fileColumn}' cannot name a file column: a column name needs a letter or digit.");
                continue;
            }

            if (!byKey.TryAdd(key, name))
            {
                problems.Add($"'{byKey[key]}' and '{name}' are the same file column (case and punctuation are ignored); keep one of them.");
                continue;
            }

            mapping[name] = Canonical(templateColumn, templateColumns, problems);
        }

        CheckOnePerTemplateColumn(mapping, problems);
        return problems.Count == 0 ? mapping : throw Refused(problems);
    }

    private static string? Canonical(string? templateColumn, IReadOnlyList<string> templateColumns, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(templateColumn))
        {
            return null;
        }

        var column = ColumnMap.TemplateColumn(templateColumn, templateColumns);
        if (column is null)
        {
            problems.Add($"'{templateColumn}' is not a column of the template; use one of {Quoted(templateColumns)}, or null to ignore the file column.");
        }

        return column;
    }

    private static void CheckOnePerTemplateColumn(Dictionary<string, string?> mapping, List<string> problems)
    {
        foreach (var group in mapping.Where(m => m.Value is not null).GroupBy(m => m.Value!).Where(g => g.Count() > 1))
        {
            problems.Add($"The file columns {Quoted([.. group.Select(m => m.Key)])} are all mapped to '{group.Key}'; map one of them to it and ignore or remap the others.");
        }
    }

    private static ImportProblem Refused(List<string> problems) =>
        new(400, "Column mapping not accepted", string.Join(" ", problems));

    private static string Quoted(IReadOnlyList<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
