using System.Globalization;
using BulkImport.Core.Csv;

namespace BulkImport.Core.Workbooks;

/// <summary>Every text the workbook reader shows, in one place; each says what is wrong and what to do (SPEC 17).</summary>
internal static class WorkbookMessages
{
    private const string SaveAsXlsxOrCsv = "Save it as .xlsx or CSV and upload it again.";

    /// <summary>Markup files open in Excel, so the way to a file we read goes through it.</summary>
    private const string SaveAsXlsxOrCsvFromExcel = "Save it as .xlsx or CSV (open it in Excel, then File > Save As) and upload it again.";

    public static FileMessage LegacyXls() =>
        new($"This is an Excel 97-2003 workbook (.xls), which the importer does not read. {SaveAsXlsxOrCsv}");

    public static FileMessage HtmlTable() =>
        new("This is a web page (an HTML table), not a workbook, although Excel opens it: programs that \"export to Excel\" often save one with an .xls name. "
            + SaveAsXlsxOrCsvFromExcel);

    public static FileMessage XmlSpreadsheet() =>
        new("This is an Excel 2003 XML Spreadsheet (an XML file, often named .xls), which the importer does not read. " + SaveAsXlsxOrCsvFromExcel);

    public static FileMessage Encrypted() =>
        new("This workbook is password-protected; save it without a password (File > Info > Protect Workbook > Encrypt with Password, clear the password) and upload it again.");

    public static FileMessage OtherOle() =>
        new($"This is an old-style Office file (Word, PowerPoint or another OLE document), not an Excel workbook. {SaveAsXlsxOrCsv}");

    public static FileMessage NotAWorkbook(string what) =>
        new($"This is a ZIP file but not an Excel workbook (.xlsx): {what}. Upload the workbook itself, or save the data as .xlsx or CSV and upload that.");

    public static FileMessage Damaged(string what) =>
        new($"This workbook cannot be read: {what}. Open it in Excel, save it again as .xlsx (or CSV) and upload it again.");

    public static FileMessage MissingSharedString(string cell, string index, int count) =>
        Damaged($"cell {cell} shows shared string {index}, but the workbook's table of shared strings holds {(count == 0 ? "none" : count.ToString("N0", CultureInfo.InvariantCulture))}, so its text is lost");

    public static FileMessage TooManyParts(int parts, int limit) =>
        new($"This workbook holds {parts.ToString("N0", CultureInfo.InvariantCulture)} files inside; a workbook has a few dozen, and the limit is {limit.ToString("N0", CultureInfo.InvariantCulture)}. "
            + "It is not an ordinary workbook: save the data as .xlsx or CSV in Excel and upload that.");

    public static FileMessage ExpandsTooMuch(long declared, long limit) =>
        new($"This workbook unpacks to {Size(declared)}, more than the {Size(limit)} one import may unpack (Import:MaxWorkbookExpandedBytes). "
            + "Split the sheet into smaller workbooks, or save it as CSV, and upload again.");

    public static FileMessage CompressedTooMuch(string part, long declared, long compressed, int ratio) =>
        new($"This workbook's part '{part}' unpacks to {Size(declared)} from {Size(compressed)}, more than {ratio} times its size: a workbook does not compress like that, a \"zip bomb\" does. "
            + "The file was not read. Save the data from Excel as .xlsx or CSV and upload that.");

    public static FileMessage ExpandsBeyondDeclared(string part) =>
        new($"This workbook's part '{part}' unpacks to more bytes than its size in the ZIP directory says, which a real workbook never does (a \"zip bomb\" does). "
            + "The file was not read. Save the data from Excel as .xlsx or CSV and upload that.");

    public static FileMessage NoData() =>
        new("The workbook has no data: every sheet is empty. Check that you chose the right file, or the sheet with the data, and upload it again.");

    public static FileMessage NoSuchSheet(string sheet, IReadOnlyList<string> sheets) =>
        new($"The workbook has no sheet named '{sheet}'. Its sheets are {Names(sheets)}; choose one of them and upload again.");

    public static FileMessage HiddenSheet(string sheet, IReadOnlyList<string> sheets) =>
        new($"Sheet '{sheet}' is hidden in the workbook, and only visible sheets are read. Unhide it in the spreadsheet (right-click a sheet tab > Unhide) and upload again"
            + (sheets.Count == 0 ? "." : $", or choose one of the visible sheets, {Names(sheets)}."));

    public static FileMessage EmptySheet(string sheet, IReadOnlyList<string> sheets) =>
        new($"Sheet '{sheet}' is empty. The workbook's sheets are {Names(sheets)}; choose the one that holds the data and upload again.");

    public static FileMessage MergedHeader(string range) =>
        // The merges are found before row 1 is read, so row 1 may be the header or a title above it (a title is
        // usually merged across the table): the message says what to do in both cases.
        new($"Cells {range} of row 1 are merged; row 1 must hold the column names, each in a cell of its own. "
            + "If row 1 is a title above the column names, delete it so that they are row 1; if it holds the column names, "
            + "unmerge the cells (Home > Merge & Center) and give each column its name. Then upload again.", 1);

    public static FileMessage FormulaError(int row, string column, string error) =>
        new($"The cell shows the formula error {error}, not a value. Fix the formula in the workbook (or type the value) and upload again, or enter the value here.", row, column);

    public static FileMessage FormulaWithoutResult(int row, string column) =>
        new("The cell holds a formula whose result was never saved in the workbook (the program that wrote it did not calculate it), so it has no value to import. "
            + "Open the workbook in Excel and save it (Excel calculates the formula), or type the value, and upload again; or enter the value here.", row, column);

    public static FileMessage HiddenRows(int count, IReadOnlyList<int> first, string? sheet)
    {
        var where = sheet is null ? "the sheet" : $"sheet '{sheet}'";
        var numbers = first.Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList();
        if (count == 1)
        {
            return new($"Row {numbers[0]} is hidden in {where} (by a filter, or Hide) and was read like every other row, as Excel's Save As CSV keeps it. "
                + "If it must not be imported, skip it in the review, or delete it in the workbook and upload again.");
        }

        var listed = count > numbers.Count
            ? $"{string.Join(", ", numbers)} and {(count - numbers.Count).ToString("N0", CultureInfo.InvariantCulture)} more"
            : $"{string.Join(", ", numbers[..^1])} and {numbers[^1]}";
        return new($"{count.ToString("N0", CultureInfo.InvariantCulture)} rows are hidden in {where} (by a filter, or Hide): rows {listed}. They were read like every other row, as Excel's Save As CSV keeps them. "
            + "If they must not be imported, skip them in the review, or delete them in the workbook and upload again.");
    }

    public static FileMessage TooMuchText() =>
        new("This workbook holds more than 4 GB of text in its shared strings, more than one import can read. Split it into smaller workbooks and upload them one by one.");

    private static string Names(IReadOnlyList<string> sheets) => string.Join(", ", sheets.Select(s => $"'{s}'"));

    private static string Size(long bytes) =>
        bytes >= 1024 * 1024 ? $"{(bytes / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture)} MB" : $"{(bytes / 1024.0).ToString("N0", CultureInfo.InvariantCulture)} KB";
}
