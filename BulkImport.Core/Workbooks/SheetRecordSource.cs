using System.Globalization;
using System.Text;
using System.Xml;
using BulkImport.Core.Csv;

namespace BulkImport.Core.Workbooks;

/// <summary>
/// The rows of one worksheet as records, streamed from its XML: one record per sheet row, in order, rows the sheet
/// leaves out (empty rows are not written) given as blank records so that record N is row N. Each cell is the text a
/// person sees (<see cref="NumberFormat"/>). Holds one row at a time.
/// <para>
/// Width (a decision, docs/decisions.md "Excel workbooks"): a sheet row has no field count, so a row is as wide as
/// the header (row 1) or as its own last non-empty cell if that is further right, which is how Excel pads a CSV it
/// saves: a value right of the header is then "Row has N fields", as in the CSV.
/// </para>
/// </summary>
internal sealed class SheetRecordSource : IRecordSource
{
    /// <summary>Excel's last column (XFD).</summary>
    private const int MaxColumns = 16_384;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly XmlReader xml;
    private readonly SharedStrings sharedStrings;
    private readonly CellStyles styles;
    private readonly bool date1904;
    private readonly StringBuilder text = new();

    private byte[] data = new byte[4096];
    private int[] starts = new int[64];
    private int[] lengths = new int[64];
    private string?[] errors = new string?[64];
    private bool rowHasErrors;
    private int filled;      // cells of the loaded row (the last is the last one the sheet wrote)
    private int width;       // up to the last non-empty cell of the loaded row
    private int used;        // bytes of data in use

    private int nextRow = 1;
    private int loadedRow;   // the row number of the row element in the buffers; 0 when none is loaded
    private bool sheetDataEnded;
    private bool blank;      // the current record is a row the sheet left out
    private int headerWidth = -1;

    public SheetRecordSource(Stream sheetPart, XmlNameTable names, SharedStrings sharedStrings, CellStyles styles, bool date1904)
    {
        xml = XmlReader.Create(sheetPart, SheetXml.Settings(names));
        this.sharedStrings = sharedStrings;
        this.styles = styles;
        this.date1904 = date1904;
    }

    /// <summary>Merged ranges that touch row 1, found after the last row (the sheet writes them after its data).</summary>
    public List<string> MergedHeaderRanges { get; } = [];

    public int FieldCount { get; private set; }

    public long LineNumber { get; private set; }

    public int RecordLength => blank ? 0 : used;

    public int RecordLineBreaks => 0;

    public char Separator => ',';

    public bool Read()
    {
        if (loadedRow == 0 && !sheetDataEnded)
        {
            LoadNextRow();
        }

        if (loadedRow == 0)
        {
            FieldCount = 0;
            if (MergedHeaderRanges.Count > 0 && headerWidth >= 0)
            {
                throw new CsvFileException(WorkbookMessages.MergedHeader(string.Join(", ", MergedHeaderRanges)));
            }

            return false;
        }

        LineNumber = nextRow;
        blank = nextRow < loadedRow;
        if (blank)
        {
            FieldCount = 0;
        }
        else
        {
            FieldCount = headerWidth < 0 ? width : Math.Max(headerWidth, width);
            loadedRow = 0;
        }

        if (headerWidth < 0)
        {
            headerWidth = FieldCount;
        }

        nextRow++;
        return true;
    }

    public ReadOnlySpan<byte> GetSpan(int index) =>
        blank || index >= filled ? default : data.AsSpan(starts[index], lengths[index]);

    public string? ErrorValue(int index) =>
        blank || !rowHasErrors || index >= filled ? null : errors[index];

    public void Dispose() => xml.Dispose();

    /// <summary>Loads the next row element that holds cells into the buffers, or notes that the rows have ended.</summary>
    private void LoadNextRow()
    {
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "sheetData")
            {
                sheetDataEnded = true;
                ReadAfterRows();
                return;
            }

            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "row")
            {
                continue;
            }

            var number = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, Invariant, out var r) && r >= nextRow ? r : nextRow;
            ClearRow();
            if (!xml.IsEmptyElement)
            {
                ReadCells();
            }

            // A row element with no value (formatting only) is not data; if nothing follows it is not a row at all,
            // as trailing blank lines of a CSV are not.
            if (width > 0)
            {
                loadedRow = number;
                return;
            }
        }

        sheetDataEnded = true;
    }

    private void ClearRow()
    {
        if (rowHasErrors)
        {
            Array.Clear(errors, 0, filled);
            rowHasErrors = false;
        }

        filled = 0;
        width = 0;
        used = 0;
    }

    /// <summary>Reads the cells of a row element; leaves the reader on the row's end tag.</summary>
    private void ReadCells()
    {
        var depth = xml.Depth;
        var column = -1;
        xml.Read();
        while (!xml.EOF && xml.Depth > depth)
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "c")
            {
                if (xml.NodeType == XmlNodeType.Element)
                {
                    xml.Skip();
                }
                else
                {
                    xml.Read();
                }

                continue;
            }

            var reference = xml.GetAttribute("r");
            column = reference is null ? column + 1 : SheetXml.ParseReference(reference).Column;
            if (column < 0)
            {
                column = 0;
            }

            var style = int.TryParse(xml.GetAttribute("s"), NumberStyles.None, Invariant, out var s) ? s : 0;
            var type = xml.GetAttribute("t");
            if (column >= MaxColumns)
            {
                xml.Skip();
                continue;
            }

            ReadCell(column, style, type);
        }
    }

    /// <summary>Reads one cell element (the reader on its start tag) and stores the text it shows; leaves the reader after it.</summary>
    private void ReadCell(int column, int style, string? type)
    {
        if (xml.IsEmptyElement)
        {
            xml.Read();
            return;
        }

        string? value = null;
        var inline = false;
        var depth = xml.Depth;
        xml.Read();
        while (!xml.EOF && xml.Depth > depth)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "v")
            {
                value = xml.ReadElementContentAsString();
            }
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "is")
            {
                text.Clear();
                SheetXml.ReadStringItem(xml, text);
                value = text.ToString();
                inline = true;
                xml.Read();
            }
            else if (xml.NodeType == XmlNodeType.Element)
            {
                xml.Skip(); // <f>: the formula; its cached value is the <v>
            }
            else
            {
                xml.Read();
            }
        }

        xml.Read(); // past </c>
        if (value is null)
        {
            return;
        }

        switch (type)
        {
            case "s":
                if (int.TryParse(value, NumberStyles.None, Invariant, out var index) && sharedStrings.TryGet(index, out var shared))
                {
                    Store(column, shared);
                }

                break;
            case "str" or "inlineStr":
                Store(column, SheetXml.Unescape(value));
                break;
            case "b":
                Store(column, value == "1" ? "TRUE" : "FALSE");
                break;
            case "e":
                Store(column, value);
                EnsureColumns(column + 1);
                errors[column] = value;
                rowHasErrors = true;
                break;
            case "d":
                Store(column, DateTime.TryParse(value, Invariant, DateTimeStyles.RoundtripKind, out var moment)
                    ? moment.ToString(moment.TimeOfDay == TimeSpan.Zero ? "MM/dd/yyyy" : "MM/dd/yyyy HH:mm:ss", Invariant)
                    : value);
                break;
            default:
                Store(column, inline ? value
                    : double.TryParse(value, NumberStyles.Float, Invariant, out var number) ? styles.FormatOf(style).Format(number, date1904)
                    : value);
                break;
        }
    }

    private void Store(int column, string value) => Store(column, Encoding.UTF8.GetBytes(value));

    private void Store(int column, ReadOnlySpan<byte> utf8)
    {
        EnsureColumns(column + 1);
        for (var c = filled; c < column; c++)
        {
            lengths[c] = 0;
        }

        filled = Math.Max(filled, column + 1);
        if (used + utf8.Length > data.Length)
        {
            Array.Resize(ref data, Math.Max(data.Length * 2, used + utf8.Length));
        }

        utf8.CopyTo(data.AsSpan(used));
        starts[column] = used;
        lengths[column] = utf8.Length;
        used += utf8.Length;
        if (utf8.Length > 0)
        {
            width = Math.Max(width, column + 1);
        }
    }

    private void EnsureColumns(int count)
    {
        if (count <= starts.Length)
        {
            return;
        }

        var size = Math.Max(count, starts.Length * 2);
        Array.Resize(ref starts, size);
        Array.Resize(ref lengths, size);
        Array.Resize(ref errors, size);
    }

    /// <summary>After the rows: the merged ranges (a merged header cell hides a column name) and the end of the part.</summary>
    private void ReadAfterRows()
    {
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "mergeCell" && xml.GetAttribute("ref") is { } range)
            {
                var parts = range.Split(':');
                var first = SheetXml.ParseReference(parts[0]);
                var last = parts.Length > 1 ? SheetXml.ParseReference(parts[1]) : first;
                if (first.Row <= 1 && last.Column > first.Column)
                {
                    MergedHeaderRanges.Add(range);
                }
            }
        }
    }
}
