using System.Text;
using BulkImport.Core.Csv;

namespace BulkImport.Core.Workbooks;

/// <summary>
/// Recognises the two markup files that programs write when they "export to Excel", usually named <c>.xls</c>: an
/// HTML page holding a table, and an Excel 2003 XML Spreadsheet (<c>&lt;Workbook
/// xmlns="urn:schemas-microsoft-com:office:spreadsheet"&gt;</c>). Excel opens both, so people take them for
/// workbooks; read as CSV, their first line looks like one column separated by spaces, which misleads. Content
/// decides, never the name: only the start of the file is looked at, in its own encoding.
/// </summary>
internal static class MarkupSniffer
{
    /// <summary>
    /// How much of the file's start is read: an Excel XML Spreadsheet names its namespace in the root element, after
    /// the XML declaration, a processing instruction and at most a few comments; an HTML export has a head of styles
    /// (Excel's own holds a few kilobytes of CSS) before its table, so the HTML tags looked for are the early ones.
    /// </summary>
    private const int HeadBytes = 8 * 1024;

    /// <summary>The refusal of a markup file, or null when the file does not start like one.</summary>
    /// <param name="stream">The whole file, seekable; its position is changed.</param>
    public static FileMessage? Refuse(Stream stream)
    {
        var buffer = new byte[HeadBytes];
        stream.Position = 0;
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var head = EncodingOf(buffer.AsSpan(0, read)).GetString(buffer, 0, read).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (!head.StartsWith('<'))
        {
            // Markup starts with a tag; a CSV file whose first header cell is a tag is not an export to Excel.
            return null;
        }

        if ((Contains(head, "urn:schemas-microsoft-com:office:spreadsheet") && Contains(head, "<Workbook")) || Contains(head, "<ss:Workbook"))
        {
            return WorkbookMessages.XmlSpreadsheet();
        }

        return Contains(head, "<html") || Contains(head, "<!DOCTYPE html") || Contains(head, "<table")
            ? WorkbookMessages.HtmlTable()
            : null;
    }

    /// <summary>The encoding the byte order mark names; UTF-8 without one (ASCII markup reads the same in Windows-1252).</summary>
    private static Encoding EncodingOf(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) ? Encoding.UTF32
        : head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]) ? new UTF32Encoding(bigEndian: true, byteOrderMark: true)
        : head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? Encoding.Unicode
        : head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? Encoding.BigEndianUnicode
        : Encoding.UTF8;

    private static bool Contains(string head, string text) => head.Contains(text, StringComparison.OrdinalIgnoreCase);
}
