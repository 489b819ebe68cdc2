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

    private readonly XmlPartReader xml;
    private readonly SharedStrings sharedStrings;
    private readonly CellStyles styles;
    private readonly bool date1904;
    private readonly ByteText value = new();
    private byte[] unescaped = new byte[256];

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
    private bool loadedHidden; // the row element in the buffers has hidden="1"
    private int readingRow;  // the row number of the row element whose cells are being read
    private bool sheetDataEnded;
    private bool blank;      // the current record is a row the sheet left out
    private int headerWidth = -1;

    public SheetRecordSource(XmlPartReader sheetPart, SharedStrings sharedStrings, CellStyles styles, bool date1904)
    {
        xml = sheetPart;
        this.sharedStrings = sharedStrings;
        this.styles = styles;
        this.date1904 = date1904;
    }

    public int FieldCount { get; private set; }

    public long LineNumber { get; private set; }

    public int RecordLength => blank ? 0 : used;

    public int RecordLineBreaks => 0;

    public char Separator => ',';

    public bool Hidden { get; private set; }

    public bool Read()
    {
        if (loadedRow == 0 && !sheetDataEnded)
        {
            try
            {
                LoadNextRow();
            }
            catch (XmlException e)
            {
                throw new CsvFileException(WorkbookMessages.Damaged($"{e.Message} (after row {nextRow - 1})"));
            }
            catch (InvalidDataException)
            {
                throw new CsvFileException(WorkbookMessages.Damaged($"its sheet is damaged after row {nextRow - 1}"));
            }
        }

        if (loadedRow == 0)
        {
            FieldCount = 0;
            return false;
        }

        LineNumber = nextRow;
        blank = nextRow < loadedRow;
        Hidden = !blank && loadedHidden;
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
            if (xml.Node != XmlPartNode.StartElement)
            {
                if (xml.IsEnd("sheetData"u8))
                {
                    // What follows the rows (merged ranges, print settings) was looked at before they were read.
                    break;
                }

                continue;
            }

            if (!xml.LocalName.SequenceEqual("row"u8))
            {
                continue;
            }

            var number = xml.TryGetAttribute("r"u8, out var r) && SheetXml.TryParseIndex(r, out var n) && n >= nextRow ? n : nextRow;
            loadedHidden = xml.TryGetAttribute("hidden"u8, out var hidden) && (hidden.SequenceEqual("1"u8) || hidden.SequenceEqual("true"u8));
            ClearRow();
            readingRow = number;
            ReadCells();

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

    /// <summary>Reads the cells of a row element (the reader on its start tag); leaves the reader on the row's end tag.</summary>
    private void ReadCells()
    {
        var depth = xml.Depth;
        var column = -1;
        while (xml.Read())
        {
            if (xml.Node == XmlPartNode.EndElement && xml.Depth == depth)
            {
                return;
            }

            if (xml.Node != XmlPartNode.StartElement)
            {
                continue;
            }

            if (!xml.LocalName.SequenceEqual("c"u8))
            {
                xml.Skip();
                continue;
            }

            column = xml.TryGetAttribute("r"u8, out var reference) ? SheetXml.ParseReference(reference).Column : column + 1;
            if (column < 0)
            {
                column = 0;
            }

            var style = xml.TryGetAttribute("s"u8, out var s) && SheetXml.TryParseIndex(s, out var index) ? index : 0;
            var type = xml.TryGetAttribute("t"u8, out var t) ? TypeOf(t) : CellType.Number;
            if (column >= MaxColumns)
            {
                xml.Skip();
                continue;
            }

            ReadCell(column, style, type);
        }
    }

    private enum CellType
    {
        Number,
        Shared,
        Text,
        Boolean,
        Error,
        Date,
    }

    private static CellType TypeOf(ReadOnlySpan<byte> t) =>
        t.SequenceEqual("s"u8) ? CellType.Shared
        : t.SequenceEqual("str"u8) || t.SequenceEqual("inlineStr"u8) ? CellType.Text
        : t.SequenceEqual("b"u8) ? CellType.Boolean
        : t.SequenceEqual("e"u8) ? CellType.Error
        : t.SequenceEqual("d"u8) ? CellType.Date
        : CellType.Number;

    /// <summary>Reads one cell element (the reader on its start tag) and stores the text it shows; leaves the reader on its end tag.</summary>
    private void ReadCell(int column, int style, CellType type)
    {
        var depth = xml.Depth;
        var found = false;
        var inline = false;
        var formula = false;
        value.Clear();
        while (xml.Read())
        {
            if (xml.Node == XmlPartNode.EndElement && xml.Depth == depth)
            {
                break;
            }

            if (xml.Node != XmlPartNode.StartElement)
            {
                continue;
            }

            if (xml.LocalName.SequenceEqual("v"u8))
            {
                value.Clear();
                xml.ReadElementText(value);
                found = true;
                inline = false;
            }
            else if (xml.LocalName.SequenceEqual("is"u8))
            {
                value.Clear();
                SheetXml.ReadStringItem(xml, value);
                found = true;
                inline = true;
            }
            else
            {
                formula |= xml.LocalName.SequenceEqual("f"u8);
                xml.Skip(); // <f>: the formula; its cached value is the <v>
            }
        }

        if (!found)
        {
            if (formula)
            {
                // A formula with no cached value: the program that wrote the workbook never calculated it (scripts and
                // libraries often don't). Read as blank it would be lost unseen (an Update leaves the stored value), so
                // it is a problem of its cell, like a formula error (ErrorValue "" says so).
                Store(column, ""u8);
                errors[column] = "";
                rowHasErrors = true;
            }

            return;
        }

        var text = value.Span;
        switch (type)
        {
            case CellType.Shared:
                if (SheetXml.TryParseIndex(text, out var index) && sharedStrings.TryGet(index, out var shared))
                {
                    Store(column, shared);
                    break;
                }

                // The cell's text is in a table the workbook lacks: read as blank, its value would be lost unseen (a
                // required name "missing", a header row "blank"). Excel calls such a file damaged and offers a repair.
                throw new CsvFileException(WorkbookMessages.MissingSharedString(
                    $"{CsvMessages.ColumnLetters(column + 1)}{readingRow.ToString(Invariant)}", Encoding.UTF8.GetString(text), sharedStrings.Count));
            case CellType.Text:
                StoreUnescaped(column, text);
                break;
            case CellType.Boolean:
                Store(column, text.SequenceEqual("1"u8) ? "TRUE"u8 : "FALSE"u8);
                break;
            case CellType.Error:
                Store(column, text);
                EnsureColumns(column + 1);
                errors[column] = Encoding.UTF8.GetString(text);
                rowHasErrors = true;
                break;
            case CellType.Date:
                var iso = Encoding.UTF8.GetString(text);
                var dateFormat = styles.FormatOf(style);
                Store(column, !DateTime.TryParse(iso, Invariant, DateTimeStyles.RoundtripKind, out var moment) ? iso
                    // The cell's format decides what a person sees, as for a serial: a time format shows a time, not a date.
                    : dateFormat.IsDuration ? dateFormat.Format(moment.ToOADate(), date1904: false)
                    : dateFormat.Kind is NumberFormatKind.Date or NumberFormatKind.DateTime or NumberFormatKind.Time ? dateFormat.Show(moment)
                    : moment.ToString(moment.TimeOfDay == TimeSpan.Zero ? "MM/dd/yyyy" : "MM/dd/yyyy HH:mm:ss", Invariant));
                break;
            default:
                if (inline)
                {
                    Store(column, text);
                }
                else if (double.TryParse(text, NumberStyles.Float, Invariant, out var number))
                {
                    StoreNumber(column, number, styles.FormatOf(style));
                }
                else
                {
                    Store(column, text);
                }

                break;
        }
    }

    private void StoreNumber(int column, double number, NumberFormat format)
    {
        Span<byte> digits = stackalloc byte[32];
        if (format.TryFormatUtf8(number, date1904, digits, out var written))
        {
            Store(column, digits[..written]);
        }
        else
        {
            Store(column, format.Format(number, date1904));
        }
    }

    private void StoreUnescaped(int column, ReadOnlySpan<byte> text)
    {
        if (unescaped.Length < text.Length)
        {
            unescaped = new byte[Math.Max(text.Length, unescaped.Length * 2)];
        }

        Store(column, unescaped.AsSpan(0, SheetXml.Unescape(text, unescaped)));
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
}
