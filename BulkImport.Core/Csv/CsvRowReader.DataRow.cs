namespace BulkImport.Core.Csv;

// A data row as staged: its values and the problems of its own (a repeated header, backslash quotes, a value too long
// or with a control character, a formula error, a field count other than the header's).
internal sealed partial class CsvRowReader
{
    private ParsedRow DataRow(HeaderLayout layout, string?[] values)
    {
        var parsed = new ParsedRow { RowNumber = row, FirstLine = firstLine, LastLine = lastLine, Kind = ParsedRowKind.Data, Values = values, Hidden = reader.Hidden };
        var fieldCount = reader.FieldCount;
        if (IsRepeatedHeader(layout))
        {
            parsed.Problems.Add(CsvMessages.RepeatsHeader(row, firstLine, lastLine));
        }

        if (backslashQuotes)
        {
            parsed.Problems.Add(CsvMessages.BackslashQuotes(row, firstLine, lastLine));
        }

        var columns = Math.Min(fieldCount, layout.FieldCount);
        for (var i = 0; i < columns; i++)
        {
            var t = layout.TemplateIndex[i];
            if (t >= 0)
            {
                var value = CsvFieldText.ToTrimmedString(reader.GetSpan(i));
                values[t] = value;
                CheckValue(parsed, layout.TemplateColumns[t], value);
                if (reader.ErrorValue(i) is { } error)
                {
                    // A workbook formula that failed shows its error as text; a rule could take "#N/A" for a name.
                    parsed.Problems.Add(error.Length == 0
                        ? Workbooks.WorkbookMessages.FormulaWithoutResult(row, layout.TemplateColumns[t])
                        : Workbooks.WorkbookMessages.FormulaError(row, layout.TemplateColumns[t], error));
                }
            }
            else if (t == HeaderLayout.BlankHeader && !CsvFieldText.IsBlank(reader.GetSpan(i)))
            {
                throw new CsvFileException(CsvMessages.ValueUnderBlankHeader(row, firstLine, i + 1));
            }
        }

        if (!FitsHeader(layout, fieldCount))
        {
            parsed.Problems.Add(FirstValueRightOfHeader(layout, fieldCount) is { } position
                ? CsvMessages.ValueRightOfHeader(row, fieldCount, layout.FieldCount, position)
                : CsvMessages.FieldCount(row, fieldCount, layout.FieldCount, firstLine, lastLine));
        }

        return parsed;
    }

    /// <summary>
    /// The position (1 = A) of the first value right of the header in a workbook row, or null. A sheet row is only
    /// wider than its header when something was typed right of the table, and a sheet has no "fields" a person could
    /// count, so the message names that cell. A CSV's extra fields are usually a comma without quotes, not a place.
    /// </summary>
    private int? FirstValueRightOfHeader(HeaderLayout layout, int fieldCount)
    {
        if (reader is not Workbooks.SheetRecordSource)
        {
            return null;
        }

        for (var i = layout.FieldCount; i < fieldCount; i++)
        {
            if (!CsvFieldText.IsBlank(reader.GetSpan(i)))
            {
                return i + 1;
            }
        }

        return null;
    }

    // Excel pads every row to the same width, so a row may lack only the blank padding columns of the header.
    private static bool FitsHeader(HeaderLayout layout, int fieldCount) =>
        fieldCount == layout.FieldCount || (fieldCount >= layout.MeaningfulWidth && fieldCount < layout.FieldCount);

    private void CheckValue(ParsedRow parsed, string column, string value)
    {
        if (value.Length > limits.MaxFieldChars)
        {
            parsed.Problems.Add(CsvMessages.TooLongValue(row, column, value.Length, limits.MaxFieldChars));
        }

        var control = CsvFieldText.IndexOfControl(value);
        if (control >= 0)
        {
            parsed.Problems.Add(CsvMessages.ControlCharacter(row, column, value[control]));
        }
    }
}
