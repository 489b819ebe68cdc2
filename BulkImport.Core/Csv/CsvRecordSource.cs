using CsvHelper;

namespace BulkImport.Core.Csv;

/// <summary>The records of a CSV file as CsvHelper 34 parses them.</summary>
internal sealed class CsvRecordSource(CsvReader reader) : IRecordSource
{
    public int FieldCount => reader.FieldCount;

    public long LineNumber => reader.LineNumber;

    public int RecordLength => reader.RawRecord.Length;

    public int RecordLineBreaks => LineBreaks(reader.RawRecord);

    public char Separator => reader.Separator;

    public bool Read() => reader.Read();

    public ReadOnlySpan<byte> GetSpan(int index) => reader.GetSpan(index);

    public string? ErrorValue(int index) => null;

    public void Dispose() => reader.Dispose();

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
