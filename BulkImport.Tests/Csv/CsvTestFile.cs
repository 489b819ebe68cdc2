using System.Text;
using BulkImport.Core.Csv;

namespace BulkImport.Tests.Csv;

/// <summary>
/// A CSV file built from exact bytes in a temporary folder, opened with <see cref="ParsedFile.Open"/> and read to the
/// end, then deleted. Tests see the outcome: errors, warnings, rows, or the exception that stopped the rows.
/// </summary>
internal static class CsvTestFile
{
    public static readonly string[] Template = ["Client ID", "First Name", "Last Name", "Email"];

    public static CsvReadResult Read(string utf8Text, string[]? template = null, string[]? required = null, CsvLimits? limits = null) =>
        Read(Encoding.UTF8.GetBytes(utf8Text), template, required, limits);

    public static CsvReadResult Read(byte[] bytes, string[]? template = null, string[]? required = null, CsvLimits? limits = null)
    {
        var path = WriteTemp(bytes);
        try
        {
            return ReadFile(path, template ?? Template, required ?? [], limits ?? new CsvLimits());
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static CsvReadResult ReadFile(string path, IReadOnlyList<string> template, IReadOnlyCollection<string> required, CsvLimits limits)
    {
        using var file = ParsedFile.Open(path, template, required, limits);
        var rows = new List<ParsedRow>();
        CsvFileException? failure = null;
        if (file.Errors.Count == 0)
        {
            try
            {
                foreach (var row in file.Rows())
                {
                    rows.Add(row);
                }
            }
            catch (CsvFileException e)
            {
                failure = e;
            }
        }

        return new CsvReadResult(file, rows, failure);
    }

    public static string WriteTemp(byte[] bytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bulkimport-csv-{Guid.NewGuid():N}.csv");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static byte[] Bytes(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}

/// <summary>What reading a test file gave.</summary>
internal sealed record CsvReadResult(ParsedFile File, List<ParsedRow> Rows, CsvFileException? Failure)
{
    public IReadOnlyList<FileMessage> Errors => File.Errors;

    public IReadOnlyList<FileMessage> Warnings => File.Warnings;

    /// <summary>The values of the data rows only.</summary>
    public List<string?[]> DataValues => Rows.Where(r => r.Kind == ParsedRowKind.Data).Select(r => r.Values).ToList();
}
