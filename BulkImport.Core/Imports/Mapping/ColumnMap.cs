using BulkImport.Core.Csv;
using BulkImport.Core.Imports.Fixes;

namespace BulkImport.Core.Imports.Mapping;

/// <summary>
/// A column mapping keyed as the reader matches header cells: by the file column's name ignoring case and every
/// character that is not a letter or digit (SPEC 5 and 16), so "Given Name", "given_name" and "GIVENNAME" are one column.
/// </summary>
public static class ColumnMap
{
    /// <summary>The mapping by header key, for <see cref="ParsedFile.Open"/>; null stays null (the header's names alone).</summary>
    public static IReadOnlyDictionary<string, string?>? ByKey(IReadOnlyDictionary<string, string?>? columns)
    {
        if (columns is null)
        {
            return null;
        }

        var byKey = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (fileColumn, templateColumn) in columns)
        {
            var key = HeaderName.Normalize(fileColumn);
            if (key.Length > 0)
            {
                byKey[key] = templateColumn;
            }
        }

        return byKey;
    }

    /// <summary>
    /// The mapping <paramref name="import"/>'s file is read with: its column mapping by key and, for a corrected file (upload
    /// field <c>fixesImportId</c>, SPEC 20), the <see cref="ErrorRowsFile.MessagesColumn"/> column the app's own rows file
    /// ends with, ignored without the "not in the template" warning: the uploader did not add it, the app did. Only with
    /// <c>fixesImportId</c>, where the upload says the file is the app's; a column the person mapped keeps their mapping.
    /// </summary>
    public static IReadOnlyDictionary<string, string?>? ForReading(Import import)
    {
        var byKey = ByKey(import.ColumnMapping);
        if (import.FixesImportId is null)
        {
            return byKey;
        }

        var withMessages = byKey is null ? new Dictionary<string, string?>(StringComparer.Ordinal) : new Dictionary<string, string?>(byKey, StringComparer.Ordinal);
        withMessages.TryAdd(HeaderName.Normalize(ErrorRowsFile.MessagesColumn), null);
        return withMessages;
    }

    /// <summary>The template column of <paramref name="templateColumns"/> a name means (ignoring case and punctuation), or null.</summary>
    public static string? TemplateColumn(string name, IReadOnlyList<string> templateColumns)
    {
        var key = HeaderName.Normalize(name);
        return key.Length == 0 ? null : templateColumns.FirstOrDefault(t => HeaderName.Normalize(t) == key);
    }
}
