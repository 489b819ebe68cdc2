using CsvHelper;

namespace BulkImport.Core.Csv;

/// <summary>
/// The one way the product writes CSV (results files, templates): UTF-8 with BOM so Excel opens it right, CRLF,
/// and every text cell that a spreadsheet would run as a formula (= + - @ tab CR) escaped with a leading '.
/// </summary>
public static class CsvExport
{
    public static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        WriteByteOrderMark = true,
        NewLine = "\r\n",
        Injection = CsvInjection.Escape,
    };

    public static CsvWriter Create(Stream destination) => CsvWriter.Create(destination, Options, leaveOpen: true);
}
