using System.Text;

namespace BulkImport.Core.Csv;

// A header among the rows: this header repeated (a problem of its row) or the header of a second table (the file is
// refused, SPEC 5).
internal sealed partial class CsvRowReader
{
    /// <summary>
    /// The header once more (files joined one after the other): every non-blank cell is, ignoring case, the header
    /// cell of its position. Compared as text, so an ordinary row costs one comparison.
    /// </summary>
    private bool IsRepeatedHeader(HeaderLayout layout)
    {
        var fieldCount = reader.FieldCount;
        var same = 0;
        for (var i = 0; i < fieldCount; i++)
        {
            var cell = reader.GetSpan(i).Trim(" \t\r\n\v\f"u8);
            if (cell.IsEmpty)
            {
                continue;
            }

            if (i >= layout.FieldCount)
            {
                return false;
            }

            var header = layout.CellsUtf8[i];
            if (!Ascii.EqualsIgnoreCase(cell, header)
                && (Ascii.IsValid(cell) || !CsvFieldText.ToTrimmedString(cell).Equals(layout.Cells[i], StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }

            same++;
        }

        // Two cells at least, so that a lone "Email" under Email is a value, not a header (unless there is one column).
        return same > 0 && same >= Math.Min(2, layout.MeaningfulWidth);
    }

    /// <summary>
    /// Refuses a file that holds a second table under the first (SPEC 5 reads one header). Looked for only where a
    /// table can start, after a blank row or on a row whose field count differs from the header, so ordinary rows
    /// cost nothing. Either of two signs stops the file at the row where the second table starts:
    /// <list type="bullet">
    /// <item>a header row: two or more of its cells, and at least half of its non-blank cells, are column names (of
    /// the template or of this file's header) without being this header repeated in place;</item>
    /// <item>a new shape: after a blank row, a row with another field count than the header, and the next row with
    /// that same count.</item>
    /// </list>
    /// </summary>
    private void CheckSecondTable(HeaderLayout layout, bool afterBlank, ref (int Row, int Line, int Fields)? newShape)
    {
        var fieldCount = reader.FieldCount;
        var fits = FitsHeader(layout, fieldCount);
        if (newShape is { } shape)
        {
            newShape = null;
            if (!fits && fieldCount == shape.Fields)
            {
                throw new CsvFileException(CsvMessages.SecondTable(shape.Row, shape.Line,
                    $"after a blank row, rows {shape.Row} and {row} have {fieldCount} fields where the header has {layout.FieldCount}"));
            }
        }

        if (!afterBlank && fits)
        {
            return;
        }

        var (names, nonBlank) = ColumnNamesInRecord(layout.IsColumnName);
        if (names.Count >= 2 && names.Count * 2 >= nonBlank && !IsRepeatedHeader(layout))
        {
            throw new CsvFileException(CsvMessages.SecondTable(row, firstLine,
                $"its cells {string.Join(", ", names.Take(4).Select(n => $"'{n}'"))} are column names, so it is another header row"));
        }

        if (afterBlank && !fits)
        {
            newShape = (row, firstLine, fieldCount);
        }
    }

    /// <summary>
    /// The trimmed cells of the current record that are column names (<paramref name="isColumnName"/> of their
    /// <see cref="HeaderName.Normalize"/>d text), and how many of its cells are not blank. Only for records that may be
    /// a header: it makes a string of every cell.
    /// </summary>
    private (List<string> Names, int NonBlank) ColumnNamesInRecord(Func<string, bool> isColumnName)
    {
        var names = new List<string>();
        var nonBlank = 0;
        var fieldCount = reader.FieldCount;
        for (var i = 0; i < fieldCount; i++)
        {
            var cell = CsvFieldText.ToTrimmedString(reader.GetSpan(i));
            if (cell.Length == 0)
            {
                continue;
            }

            nonBlank++;
            if (isColumnName(HeaderName.Normalize(cell)))
            {
                names.Add(cell);
            }
        }

        return (names, nonBlank);
    }
}
