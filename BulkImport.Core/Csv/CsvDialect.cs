using CsvHelper;

namespace BulkImport.Core.Csv;

/// <summary>
/// The separator of a file, and whether its first line is an Excel <c>sep=</c> setting.
/// <para>
/// Row numbering after a sep= line (a decision): Excel reads that line as a setting and does not show it, so the
/// header is row 1 on screen. Rows are numbered the same way here, so that "row 5" in a message is row 5 in Excel;
/// <see cref="ParsedRow.FirstLine"/> and <see cref="ParsedRow.LastLine"/> stay physical (the header is line 2).
/// </para>
/// </summary>
internal sealed record CsvDialect(char Separator, bool HasSeparatorLine)
{
    /// <summary>Separators honoured on a <c>sep=</c> line.</summary>
    private const string HintSeparators = ",;\t|";

    /// <summary>
    /// Comma, unless the header line splits only on ';' (no commas) or only on tab (SPEC 5). When it splits on both
    /// ';' and tab, the one giving more columns wins. An Excel <c>sep=X</c> first line decides on its own.
    /// Each candidate is tried by letting CsvHelper split the first record, so quoting rules apply.
    /// </summary>
    public static CsvDialect Detect(string path, SniffResult sniff, CsvLimits limits)
    {
        var commaFields = FirstRecord(path, sniff, limits, ',', out var separatorLine);
        if (separatorLine is char hinted)
        {
            return new CsvDialect(hinted, true);
        }

        if (commaFields > 1)
        {
            return new CsvDialect(',', false);
        }

        var semicolonFields = FirstRecord(path, sniff, limits, ';', out _);
        var tabFields = FirstRecord(path, sniff, limits, '\t', out _);
        if (semicolonFields > 1 && semicolonFields >= tabFields)
        {
            return new CsvDialect(';', false);
        }

        return tabFields > 1 ? new CsvDialect('\t', false) : new CsvDialect(',', false);
    }

    /// <summary>The field count of the first record split on <paramref name="separator"/>, and the sep= setting it is.</summary>
    private static int FirstRecord(string path, SniffResult sniff, CsvLimits limits, char separator, out char? separatorLine)
    {
        separatorLine = null;
        var options = CsvReaderFactory.Options(sniff, new CsvDialect(separator, false), limits, onMalformed: null)
            with { TrackLineNumbers = false };
        try
        {
            using var reader = CsvReaderFactory.Open(path, options);
            if (!reader.Read())
            {
                return 0;
            }

            separatorLine = SeparatorLine(reader.RawRecord);
            return reader.FieldCount;
        }
        catch (CsvFormatException)
        {
            // A header that never ends (runaway quote): reported with its row when the header is read for real.
            return 0;
        }
    }

    /// <summary>The separator named by a first line that is exactly <c>sep=X</c> (any case), as Excel writes it.</summary>
    private static char? SeparatorLine(ReadOnlySpan<byte> raw)
    {
        if (raw.Length == 5 && (raw[0] | 0x20) == 's' && (raw[1] | 0x20) == 'e' && (raw[2] | 0x20) == 'p' && raw[3] == '='
            && HintSeparators.Contains((char)raw[4]))
        {
            return (char)raw[4];
        }

        return null;
    }
}
