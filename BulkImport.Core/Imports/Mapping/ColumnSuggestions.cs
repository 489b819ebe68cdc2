using BulkImport.Core.Csv;
using BulkImport.Core.Domains.Common;

namespace BulkImport.Core.Imports.Mapping;

/// <summary>
/// The template column each file column most likely is (SPEC 16): by the header rules of SPEC 5 (same name ignoring case
/// and punctuation), then by a synonym, then by one name holding the other ("Home Phone Number"), then by a name a letter
/// or two away ("Adress"). Each template column is suggested for one file column at most, the best match winning.
/// </summary>
public static class ColumnSuggestions
{
    /// <summary>How a suggestion was found, best first.</summary>
    private enum Match
    {
        Given,
        SameName,
        Synonym,
        Contains,
        Spelling,
    }

    /// <summary>
    /// A suggestion for every file column (null: none). <paramref name="given"/> (a saved mapping applied at upload)
    /// decides the columns it holds, an ignored column included, before anything is guessed.
    /// </summary>
    public static Dictionary<string, string?> Suggest(IReadOnlyList<string> fileColumns, IReadOnlyList<string> templateColumns,
        IReadOnlyDictionary<string, string?>? given = null)
    {
        ArgumentNullException.ThrowIfNull(fileColumns);
        ArgumentNullException.ThrowIfNull(templateColumns);
        var givenByKey = ColumnMap.ByKey(given) ?? new Dictionary<string, string?>();
        var synonyms = ColumnSynonyms.For(templateColumns);
        var templateKeys = templateColumns.Select(HeaderName.Normalize).ToList();

        var candidates = new List<(int File, int Template, Match How, int Distance)>();
        for (var f = 0; f < fileColumns.Count; f++)
        {
            var key = HeaderName.Normalize(fileColumns[f]);
            if (key.Length == 0)
            {
                continue;
            }

            if (givenByKey.TryGetValue(key, out var mapped))
            {
                if (mapped is not null && ColumnMap.TemplateColumn(mapped, templateColumns) is { } column)
                {
                    candidates.Add((f, IndexOf(templateColumns, column), Match.Given, 0));
                }

                continue;
            }

            for (var t = 0; t < templateColumns.Count; t++)
            {
                if (Compare(key, templateKeys[t], templateColumns[t], synonyms) is { } match)
                {
                    candidates.Add((f, t, match.How, match.Distance));
                }
            }
        }

        var suggested = new Dictionary<string, string?>(StringComparer.Ordinal);
        var taken = new HashSet<int>();
        foreach (var (f, t, _, _) in candidates.OrderBy(c => c.How).ThenBy(c => c.Distance).ThenBy(c => c.File))
        {
            if (!suggested.ContainsKey(fileColumns[f]) && taken.Add(t))
            {
                suggested[fileColumns[f]] = templateColumns[t];
            }
        }

        foreach (var column in fileColumns)
        {
            suggested.TryAdd(column, null);
        }

        return suggested;
    }

    private static (Match How, int Distance)? Compare(string key, string templateKey, string templateColumn, Dictionary<string, string> synonyms)
    {
        if (key == templateKey)
        {
            return (Match.SameName, 0);
        }

        if (synonyms.TryGetValue(key, out var synonymOf) && synonymOf == templateColumn)
        {
            return (Match.Synonym, 0);
        }

        // One name holds the other ("Home Phone Number", "Client Email"): long enough that it is not chance ("St" in "Street").
        if (Math.Min(key.Length, templateKey.Length) >= 4 && (key.Contains(templateKey, StringComparison.Ordinal) || templateKey.Contains(key, StringComparison.Ordinal)))
        {
            return (Match.Contains, Math.Abs(key.Length - templateKey.Length));
        }

        var allowed = Math.Clamp(key.Length / 4, 1, 2);
        EditDistance.Compute(key, templateKey, out var distance, out _);
        if (distance <= allowed)
        {
            return (Match.Spelling, distance);
        }

        foreach (var (synonym, column) in synonyms)
        {
            if (column == templateColumn && synonym.Length >= 4)
            {
                EditDistance.Compute(key, synonym, out var toSynonym, out _);
                if (toSynonym <= allowed)
                {
                    return (Match.Spelling, toSynonym + 1);
                }
            }
        }

        return null;
    }

    private static int IndexOf(IReadOnlyList<string> columns, string column)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] == column)
            {
                return i;
            }
        }

        return -1;
    }
}
