using BulkImport.Core.Csv;

namespace BulkImport.Core.Imports.Mapping;

/// <summary>
/// Up to three values of each file column, for the mapping screen (SPEC 16). The file is read through the same reader
/// as an import, with the file's own header as the template, so whatever file the reader reads (CSV, a workbook) gives
/// its samples the same way; reading stops once every column has its three, or after a bounded number of rows.
/// </summary>
public static class FileColumnSamples
{
    public const int PerColumn = 3;

    /// <summary>Rows looked through at most: a column blank that far down shows no sample rather than reading the whole file.</summary>
    private const int MaxRowsRead = 1_000;

    /// <summary>The samples of each named header cell; a column that repeats a name, or a file that cannot be read, gives none.</summary>
    /// <param name="sheet">The workbook sheet the import reads (null for a CSV file).</param>
    public static Dictionary<string, List<string>> Read(string path, string? sheet, IReadOnlyList<string> headerCells, CsvLimits limits)
    {
        ArgumentNullException.ThrowIfNull(headerCells);
        var columns = headerCells.Where(c => HeaderName.Normalize(c).Length > 0).ToList();
        var samples = columns.ToDictionary(c => c, _ => new List<string>(PerColumn), StringComparer.Ordinal);
        using var file = ParsedFile.Open(path, columns, [], limits, sheet);
        if (file.Errors.Count > 0)
        {
            return samples;
        }

        var read = 0;
        try
        {
            foreach (var row in file.Rows())
            {
                if (++read > MaxRowsRead || samples.Values.All(s => s.Count == PerColumn))
                {
                    break;
                }

                for (var c = 0; c < columns.Count && c < row.Values.Length; c++)
                {
                    var list = samples[columns[c]];
                    if (list.Count < PerColumn && !string.IsNullOrEmpty(row.Values[c]))
                    {
                        list.Add(row.Values[c]!);
                    }
                }
            }
        }
        catch (CsvFileException)
        {
            // A row further down the file is unreadable: the samples found before it stand; reading the file says why later.
        }

        return samples;
    }
}
