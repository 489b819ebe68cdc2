using System.Globalization;
using System.Text;
using BulkImport.Core.Csv;

namespace BulkImport.Core.Workbooks;

// One cell element read as the text a person sees: its type (shared string, inline text, boolean, error, date or
// number) and its style's number format decide it.
internal sealed partial class SheetRecordSource
{
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
}
