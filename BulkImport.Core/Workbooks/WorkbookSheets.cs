using BulkImport.Core.Csv;

namespace BulkImport.Core.Workbooks;

/// <summary>
/// The sheets of an uploaded workbook, for the wizard's sheet choice before the import is created (SPEC 17): only the
/// workbook part is read, so it answers at once whatever the size of the sheets.
/// </summary>
public static class WorkbookSheets
{
    /// <summary>The visible sheets in workbook order; empty for a file that is not an .xlsx that opens (its import says why).</summary>
    public static IReadOnlyList<string> Of(string path, long maxExpandedBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        Span<byte> head = stackalloc byte[4];
        using (var file = File.OpenRead(path))
        {
            if (file.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4 || !head.SequenceEqual("PK\u0003\u0004"u8))
            {
                return [];
            }
        }

        return WorkbookFile.ListSheets(path, new CsvLimits { MaxWorkbookExpandedBytes = maxExpandedBytes });
    }
}
