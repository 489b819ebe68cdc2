using CsvHelper;

namespace BulkImport.Core.Csv;

/// <summary>The one place that turns what we know about a file into CsvHelper 34 reader options.</summary>
internal static class CsvReaderFactory
{
    /// <summary>
    /// Options for reading the file record by record. The header is read as an ordinary record
    /// (<c>HasHeader = false</c>) because we match it ourselves and number rows ourselves.
    /// </summary>
    /// <param name="sniff">The encoding found by <see cref="FileSniffer"/>.</param>
    /// <param name="dialect">The separator, and whether an Excel <c>sep=</c> line comes first.</param>
    /// <param name="limits">For the record size cap.</param>
    /// <param name="onMalformed">Told about malformed quoting (we only act on unterminated quotes).</param>
    public static CsvReaderOptions Options(SniffResult sniff, CsvDialect dialect, CsvLimits limits, Action<CsvMalformedRecord>? onMalformed) =>
        CsvReaderOptions.Default with
        {
            // With a sep= line we let CsvHelper read and skip it: it only does so when Separator is null. Without one
            // the separator is always explicit, so CsvHelper's own guessing (which also picks '|') never applies.
            Separator = dialect.HasSeparatorLine ? null : dialect.Separator,
            DetectSeparatorHint = dialect.HasSeparatorLine,
            HasHeader = false,

            // A blank line is a row (it keeps the numbering aligned with the spreadsheet), so CsvHelper must return it.
            SkipEmptyLines = false,
            TrackLineNumbers = true,

            // Spaces around a quoted value ( "Smith" ) must not turn the quotes into text; every value is trimmed of
            // all Unicode white space afterwards anyway (CsvHelper only trims ASCII space and tab).
            TrimWhitespace = true,

            // Lenient RFC 4180: a stray quote inside an unquoted value is kept as text ("37°36'37.8"N"), text after a
            // closing quote is appended. Only an unterminated quote is fatal, and OnMalformedRecord tells us of it.
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = onMalformed,

            // Twice our limit: CsvHelper checks its cap only while a record is still incomplete (and its buffer size
            // decides when that is), so records between 1x and 2x complete and CsvRowReader refuses them with their
            // exact size; past 2x it is almost always a runaway quote, refused without reading the rest of the file.
            MaxRecordSize = (int)Math.Min(int.MaxValue, 2L * limits.MaxRecordBytes),
            Encoding = sniff.Encoding,
        };

    public static CsvReader Open(string path, CsvReaderOptions options)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return CsvReader.Create(stream, options, leaveOpen: false);
    }
}
