using CsvHelper;

namespace BulkImport.Core.Csv;

/// <summary>
/// Walks the records CsvHelper parses and turns them into rows as a spreadsheet numbers them: the header is row 1,
/// every record after it (blank lines included) is the next row, and a quoted value over several lines stays one row.
/// Anything that makes the rest of the file unreadable throws <see cref="CsvFileException"/>.
/// </summary>
internal sealed partial class CsvRowReader : IDisposable
{
    private readonly IRecordSource reader;
    private readonly CsvLimits limits;
    private readonly CsvDialect dialect;
    private bool unterminatedQuote;
    private bool pendingBackslashQuotes;
    private bool backslashQuotes;
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
        reader = new CsvRecordSource(CsvReaderFactory.Open(path, options));
    }

    /// <summary>Reads the records of another kind of file (a workbook's sheet) with the same rules as CSV.</summary>
    public CsvRowReader(IRecordSource source, CsvLimits limits)
    {
        this.limits = limits;
        dialect = new CsvDialect(',', false);
        reader = source;
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

    /// <summary>
    /// Looks for the header below row 1 (a title or notes above the column names), in the next
    /// <paramref name="maxRows"/> records: the first record with two or more template column names, or with nothing
    /// but template column names. Null when there is none, or when the file cannot be read that far.
    /// </summary>
    public (int Row, int Line, List<string> Names)? FindHeaderBelow(IReadOnlyList<string> templateColumns, int maxRows)
    {
        var templateKeys = new HashSet<string>(templateColumns.Select(HeaderName.Normalize), StringComparer.Ordinal);
        try
        {
            for (var n = 0; n < maxRows && Next(null); n++)
            {
                var (names, nonBlank) = ColumnNamesInRecord(templateKeys.Contains);
                if (names.Count >= 2 || (names.Count == 1 && nonBlank == 1))
                {
                    return (row, firstLine, names);
                }
            }
        }
        catch (CsvFileException)
        {
            // An unreadable record below: no header found; the file is refused for its first line anyway.
        }

        return null;
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
        var afterBlank = false;
        (int Row, int Line, int Fields)? newShape = null;
        while (Next(layout))
        {
            if (IsBlankRecord())
            {
                pendingBlanks.Add(row, firstLine, lastLine);
                afterBlank = true;
                continue;
            }

            CheckSecondTable(layout, afterBlank, ref newShape);
            afterBlank = false;
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
        if (unterminatedQuote)
        {
            throw new CsvFileException(CsvMessages.UnterminatedQuote(row, firstLine, ColumnName(layout, reader.FieldCount - 1)));
        }

        // The exact limit is ours (CsvHelper's cap is set to twice it, see CsvReaderFactory): the same for every row,
        // wherever it falls in CsvHelper's buffer.
        var length = reader.RecordLength;
        if (length > limits.MaxRecordBytes)
        {
            throw new CsvFileException(CsvMessages.RecordTooLong(row, firstLine, length, limits.MaxRecordBytes));
        }

        lastLine = firstLine + reader.RecordLineBreaks;
        backslashQuotes = pendingBackslashQuotes;
        pendingBackslashQuotes = false;
        return true;
    }

    private void OnMalformed(CsvMalformedRecord record)
    {
        if (record.Reason == CsvMalformedReason.UnterminatedQuote)
        {
            unterminatedQuote = true;
        }
        else if (record.Reason is CsvMalformedReason.StrayQuote or CsvMalformedReason.TextAfterClosingQuote
            && record.RawRecord.Contains("\\\"", StringComparison.Ordinal))
        {
            // \" is how some programs escape a quote; in CSV it ends the quoted value early and the rest of the row
            // is split where it should not be. The row is refused, not read as best it can.
            pendingBackslashQuotes = true;
        }
    }

    private static string? ColumnName(HeaderLayout? layout, int index) =>
        layout is null || index < 0 || index >= layout.FieldCount ? null
        : layout.TemplateIndex[index] >= 0 ? layout.TemplateColumns[layout.TemplateIndex[index]]
        : layout.TemplateIndex[index] is HeaderLayout.Unknown or HeaderLayout.Ignored ? layout.Cells[index]
        : null;
}
