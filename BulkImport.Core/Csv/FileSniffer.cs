using System.Text;
using System.Text.Unicode;

namespace BulkImport.Core.Csv;

/// <summary>What the bytes of a file say before it is parsed: refused (and why), or its text encoding.</summary>
/// <param name="Error">Set when the file must be refused without parsing.</param>
/// <param name="Encoding">The encoding to give CsvHelper; null lets it follow the byte order mark or assume UTF-8.</param>
/// <param name="EncodingName">The encoding as shown to people.</param>
/// <param name="Warning">Set when the file was read in a way the operator should know about.</param>
internal sealed record SniffResult(FileMessage? Error, Encoding? Encoding, string EncodingName, FileMessage? Warning);

/// <summary>
/// Looks at the raw bytes of a stored upload: size, Excel/ZIP magic numbers, byte order mark, NUL bytes and UTF-8
/// validity. Extension and Content-Type are not trusted. One sequential pass, constant memory.
/// </summary>
internal static class FileSniffer
{
    private const int ChunkSize = 1 << 16;

    static FileSniffer()
    {
        // Windows-1252 is not built into .NET Core; the provider ships with the runtime (no package needed).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static SniffResult Sniff(string path, CsvLimits limits)
    {
        var length = new FileInfo(path).Length;
        if (length == 0)
        {
            return Refuse(CsvMessages.EmptyFile());
        }

        if (length > limits.MaxFileBytes)
        {
            return Refuse(CsvMessages.TooLarge(length, limits.MaxFileBytes));
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        Span<byte> head = stackalloc byte[4];
        var headLength = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..headLength];
        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            return Refuse(CsvMessages.ExcelOrZip());
        }

        // UTF-32 first: its little-endian mark starts with the UTF-16 one. CsvHelper reads all four by their mark.
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            return Text(null, "UTF-32LE");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return Text(null, "UTF-32BE");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Text(null, "UTF-16LE");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Text(null, "UTF-16BE");
        }

        var hasBom = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        stream.Position = 0;
        var (hasNul, validUtf8) = Scan(stream);
        if (hasNul)
        {
            return Refuse(CsvMessages.Binary());
        }

        if (validUtf8)
        {
            return Text(null, "UTF-8");
        }

        // A byte order mark says UTF-8 outright: decoding as Windows-1252 would turn it into "ï»¿". Keep UTF-8 (bad
        // bytes become U+FFFD) and say so.
        return hasBom
            ? new SniffResult(null, null, "UTF-8", CsvMessages.InvalidUtf8WithBom())
            : new SniffResult(null, Encoding.GetEncoding(1252), "Windows-1252", CsvMessages.ReadAsWindows1252());
    }

    private static SniffResult Refuse(FileMessage error) => new(error, null, "", null);

    private static SniffResult Text(Encoding? encoding, string name) => new(null, encoding, name, null);

    /// <summary>One pass over the file: any NUL byte, and whether all of it is valid UTF-8.</summary>
    private static (bool HasNul, bool ValidUtf8) Scan(Stream stream)
    {
        var buffer = new byte[ChunkSize];
        var carry = 0; // bytes of a UTF-8 sequence cut by the end of the previous chunk, moved to the buffer's start
        var valid = true;
        int read;
        while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0)
        {
            var fresh = buffer.AsSpan(carry, read);
            if (fresh.Contains((byte)0))
            {
                return (true, false);
            }

            var data = buffer.AsSpan(0, carry + read);
            if (valid)
            {
                var tail = IncompleteTail(data);
                valid = Utf8.IsValid(data[..^tail]);
                data[^tail..].CopyTo(buffer);
                carry = tail;
            }
        }

        // A sequence still cut at the end of the file is invalid.
        return (false, valid && carry == 0);
    }

    /// <summary>
    /// How many bytes at the end of <paramref name="data"/> start a UTF-8 sequence that needs more bytes than are
    /// there (0 when the data ends on a whole character). Malformed bytes are left to <see cref="Utf8.IsValid"/>.
    /// </summary>
    internal static int IncompleteTail(ReadOnlySpan<byte> data)
    {
        for (var back = 1; back <= Math.Min(3, data.Length); back++)
        {
            var b = data[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue; // continuation byte: the lead byte is further back
            }

            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? back : 0;
        }

        return 0;
    }
}
