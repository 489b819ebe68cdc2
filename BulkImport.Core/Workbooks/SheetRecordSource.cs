using System.Globalization;
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
internal sealed partial class SheetRecordSource : IRecordSource
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
}
