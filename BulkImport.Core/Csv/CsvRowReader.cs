using CsvHelper;

namespace BulkImport.Core.Csv;

/// <summary>
/// Walks the records CsvHelper parses and turns them into rows as a spreadsheet numbers them: the header is row 1,
/// every record after it (blank lines included) is the next row, and a quoted value over several lines stays one row.
/// Anything that makes the rest of the file unreadable throws <see cref="CsvFileException"/>.
/// </summary>
internal sealed class CsvRowReader : IDisposable
{
    private readonly CsvReader reader;
    private readonly CsvLimits limits;
    private readonly CsvDialect dialect;
    private bool unterminatedQuote;
    private int row;
    private int firstLine;
    private int lastLine;

    public CsvRowReader(string path, SniffResult sniff, CsvDialect dialect, CsvLimits limits)
    {
        this.limits = limits;
        this.dialect = dialect;

        // CsvHelper recovers from an unterminated quote by running the value to the end of the file; it tells us
        // before Read returns that record, and we refuse the file instead of importing one giant value.
        var options = CsvReaderFactory.Options(sniff, dialect, limits, OnMalformed);
        reader = CsvReaderFactory.Open(path, options);
    }

    /// <summary>
    /// The trimmed cells of the header (row 1), or null when the file holds no record at all. A blank header row
    /// throws, as "File is empty" when nothing but blank lines follows.
    /// </summary>
    public string[]? ReadHeader()
    {
        if (!Next(null))
        {
            return null;
        }

        // We saw the sep= line but let CsvHelper apply it; if it ever read it differently, every row would be split
        // wrongly without a single error, so stop instead.
        if (dialect.HasSeparatorLine && (reader.Separator != dialect.Separator || firstLine != 2))
        {
            throw new InvalidOperationException($"CsvHelper did not honour the sep={dialect.Separator} line as expected.");
        }

        var cells = new string[reader.FieldCount];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = CsvFieldText.ToTrimmedString(reader.GetSpan(i));
        }

        if (IsBlankRecord())
        {
            while (Next(null))
            {
                if (!IsBlankRecord())
                {
                    throw new CsvFileException(CsvMessages.BlankHeaderRow());
                }
            }

            throw new CsvFileException(CsvMessages.EmptyFile());
        }

        return cells;
    }

    /// <summary>The rows after the header, streamed. Call after <see cref="ReadHeader"/>.</summary>
    public IEnumerable<ParsedRow> ReadRows(HeaderLayout layout)
    {
        var blankValues = new string?[layout.Present.Length];
        for (var t = 0; t < blankValues.Length; t++)
        {
            blankValues[t] = layout.Present[t] ? string.Empty : null;
        }

        var pendingBlanks = new BlankRowQueue();
        var emitted = 0;
        while (Next(layout))
        {
            if (IsBlankRecord())
            {
                pendingBlanks.Add(row, firstLine, lastLine);
                continue;
            }

            if (!pendingBlanks.IsEmpty)
            {
                foreach (var (blankRow, blankFirst, blankLast) in pendingBlanks.Drain())
                {
                    CountRow(ref emitted, blankRow);
                    yield return new ParsedRow
                    {
                        RowNumber = blankRow,
                        FirstLine = blankFirst,
                        LastLine = blankLast,
                        Kind = ParsedRowKind.Blank,
                        Values = (string?[])blankValues.Clone(),
                    };
                }
            }

            CountRow(ref emitted, row);
            yield return DataRow(layout, (string?[])blankValues.Clone());
        }
    }

    public void Dispose() => reader.Dispose();

    private void CountRow(ref int emitted, int rowNumber)
    {
        if (++emitted > limits.MaxDataRows)
        {
            throw new CsvFileException(CsvMessages.TooManyRows(limits.MaxDataRows, rowNumber));
        }
    }

    private ParsedRow DataRow(HeaderLayout layout, string?[] values)
    {
        var parsed = new ParsedRow { RowNumber = row, FirstLine = firstLine, LastLine = lastLine, Kind = ParsedRowKind.Data, Values = values };
        var fieldCount = reader.FieldCount;
        var columns = Math.Min(fieldCount, layout.FieldCount);
        for (var i = 0; i < columns; i++)
        {
            var t = layout.TemplateIndex[i];
            if (t >= 0)
            {
                var value = CsvFieldText.ToTrimmedString(reader.GetSpan(i));
                values[t] = value;
                CheckValue(parsed, layout.Cells[i], value);
            }
            else if (t == HeaderLayout.BlankHeader && !CsvFieldText.IsBlank(reader.GetSpan(i)))
            {
                throw new CsvFileException(CsvMessages.ValueUnderBlankHeader(row, firstLine, i + 1));
            }
        }

        // Excel pads every row to the same width, so a row may lack only the blank padding columns of the header.
        if (fieldCount != layout.FieldCount && !(fieldCount >= layout.MeaningfulWidth && fieldCount < layout.FieldCount))
        {
            parsed.Problems.Add(CsvMessages.FieldCount(row, fieldCount, layout.FieldCount));
        }

        return parsed;
    }

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

    private bool IsBlankRecord()
    {
        var fieldCount = reader.FieldCount;
        for (var i = 0; i < fieldCount; i++)
        {
            if (!CsvFieldText.IsBlank(reader.GetSpan(i)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Moves to the next record and works out its row number and line range.</summary>
    private bool Next(HeaderLayout? layout)
    {
        bool read;
        try
        {
            read = reader.Read();
        }
        catch (CsvFormatException e)
        {
            // With Recover and Allow, CsvHelper only throws when a record outgrows MaxRecordSize while it is still
            // reading it: in practice a quote that never closes, found without reading the rest of the file.
            throw new CsvFileException(CsvMessages.RunawayQuote(row + 1, (int)e.LineNumber, limits.MaxRecordBytes));
        }

        if (!read)
        {
            return false;
        }

        row++;
        firstLine = (int)reader.LineNumber;
        var raw = reader.RawRecord;
        if (unterminatedQuote)
        {
            throw new CsvFileException(CsvMessages.UnterminatedQuote(row, firstLine, ColumnName(layout, reader.FieldCount - 1)));
        }

        // The exact limit is ours (CsvHelper's cap is set to twice it, see CsvReaderFactory): the same for every row,
        // wherever it falls in CsvHelper's buffer.
        if (raw.Length > limits.MaxRecordBytes)
        {
            throw new CsvFileException(CsvMessages.RecordTooLong(row, firstLine, raw.Length, limits.MaxRecordBytes));
        }

        lastLine = firstLine + LineBreaks(raw);
        return true;
    }

    private void OnMalformed(CsvMalformedRecord record)
    {
        if (record.Reason == CsvMalformedReason.UnterminatedQuote)
        {
            unterminatedQuote = true;
        }
    }

    private static string? ColumnName(HeaderLayout? layout, int index) =>
        layout is not null && index >= 0 && index < layout.FieldCount && layout.TemplateIndex[index] != HeaderLayout.BlankHeader
            ? layout.Cells[index]
            : null;

    /// <summary>Line breaks inside a record (in quoted values); CR LF counts once, as CsvHelper counts lines.</summary>
    private static int LineBreaks(ReadOnlySpan<byte> raw)
    {
        var count = 0;
        int at;
        while ((at = raw.IndexOfAny((byte)'\r', (byte)'\n')) >= 0)
        {
            count++;
            if (raw[at] == '\r' && at + 1 < raw.Length && raw[at + 1] == '\n')
            {
                at++;
            }

            raw = raw[(at + 1)..];
        }

        return count;
    }
}
