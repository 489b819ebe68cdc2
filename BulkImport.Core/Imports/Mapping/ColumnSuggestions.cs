using BulkImport.Core.Csv;
using BulkImport.Core.Domains.Common;

namespace BulkImport.Core.Imports.Mapping;

/// <summary>
/// The template column each file column most likely is (SPEC 16): by the header rules of SPEC 5 (same name ignoring case
/// and punctuation), then by a synonym, then by the file's name holding the column's ("Home Phone Number"), then by a
/// shortening of one column's name ("Funding" for Funding Source, <see cref="HeaderAbbreviation"/>), then by a name a
/// letter or two away ("Adress"). Each template column is suggested for one file column at most, the best match winning.
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
        Abbreviation,
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

            var shortened = HeaderAbbreviation.Of(fileColumns[f], templateColumns);
            var generic = HeaderAbbreviation.IsGeneric(fileColumns[f]);
            for (var t = 0; t < templateColumns.Count; t++)
            {
                if (Compare(key, templateKeys[t], templateColumns[t], synonyms, shortened, generic) is { } match)
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

    private static (Match How, int Distance)? Compare(string key, string templateKey, string templateColumn, Dictionary<string, string> synonyms,
        string? shortened, bool generic)
    {
        if (key == templateKey)
        {
            return (Match.SameName, 0);
        }

        if (synonyms.TryGetValue(key, out var synonymOf) && synonymOf == templateColumn)
        {
            return (Match.Synonym, 0);
        }

        // The file's name holds the column's ("Home Phone Number", "Client Email"): long enough that it is not chance.
        // The other way round is a shortening, and only the leading words of one column count: "Name" is held by four
        // Client columns and "Date" by Date of Birth, and suggesting one of them is a guess a person has to undo.
        if (templateKey.Length >= 4 && key.Contains(templateKey, StringComparison.Ordinal))
        {
            return (Match.Contains, key.Length - templateKey.Length);
        }

        if (templateColumn == shortened)
        {
            return (Match.Abbreviation, templateKey.Length - key.Length);
        }

        var allowed = Math.Clamp(key.Length / 4, 1, 2);
        EditDistance.Compute(key, templateKey, out var distance, out _);
        if (distance <= allowed)
        {
            return (Match.Spelling, distance);
        }

        // A generic name a letter from a synonym ("Name" from FName and LName) is two guesses from a column: none.
        if (generic)
        {
            return null;
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
