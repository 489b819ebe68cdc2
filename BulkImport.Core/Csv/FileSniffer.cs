using System.Text;
using System.Text.Unicode;

namespace BulkImport.Core.Csv;

/// <summary>What the bytes of a file say before it is parsed: refused (and why), or its text encoding.</summary>
/// <param name="Error">Set when the file must be refused without parsing.</param>
/// <param name="Encoding">The encoding to give CsvHelper; null lets it follow the byte order mark or assume UTF-8.</param>
/// <param name="EncodingName">The encoding as shown to people.</param>
/// <param name="Warning">Set when the file was read in a way the operator should know about.</param>
/// <param name="IsWorkbook">The file is a ZIP: read as an .xlsx workbook (SPEC 17), which refuses any other ZIP.</param>
internal sealed record SniffResult(FileMessage? Error, Encoding? Encoding, string EncodingName, FileMessage? Warning, bool IsWorkbook = false);

/// <summary>
/// Looks at the raw bytes of a stored upload: size, Excel/ZIP magic numbers, HTML and XML exports to Excel, byte order
/// mark, NUL bytes and UTF-8 validity. Extension and Content-Type are not trusted. One sequential pass, constant memory.
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
        if (Workbooks.WorkbookSniffer.IsZip(head))
        {
            return new SniffResult(null, null, "", null, IsWorkbook: true);
        }

        if (Workbooks.WorkbookSniffer.IsOle(head))
        {
            return Refuse(Workbooks.WorkbookSniffer.RefuseOle(stream));
        }

        // Before the text checks: an HTML or XML "export to Excel" is text, and read as CSV it gets a misleading message.
        if (Workbooks.MarkupSniffer.Refuse(stream) is { } markup)
        {
            return Refuse(markup);
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
        var (firstNul, firstInvalid) = Scan(stream);
        if (firstNul >= 0)
        {
            return Refuse(CsvMessages.Binary(LineAt(stream, firstNul)));
        }

        if (firstInvalid < 0)
        {
            return Text(null, "UTF-8");
        }

        // A byte order mark says UTF-8 outright: decoding as Windows-1252 would turn it into "ï»¿". Keep UTF-8 (bad
        // bytes become U+FFFD) and say so.
        if (hasBom)
        {
            return new SniffResult(null, null, "UTF-8", CsvMessages.InvalidUtf8WithBom(LineAt(stream, firstInvalid)));
        }

        // Windows-1252 decodes every byte, so text of another legacy code page (Korean CP949, Chinese GBK, Japanese
        // Shift-JIS, Cyrillic, Greek) would be read without an error and written as mojibake. Refuse what is
        // obviously not Western European text instead.
        var foreign = ForeignCodePageEvidence(stream);
        return foreign >= 0
            ? Refuse(CsvMessages.UnsupportedEncoding(LineAt(stream, foreign)))
            : new SniffResult(null, Encoding.GetEncoding(1252), "Windows-1252", CsvMessages.ReadAsWindows1252(LineAt(stream, firstInvalid)));
    }

    private static SniffResult Refuse(FileMessage error) => new(error, null, "", null);

    private static SniffResult Text(Encoding? encoding, string name) => new(null, encoding, name, null);

    /// <summary>One pass over the file: the offset of the first NUL byte and of the first byte that is not UTF-8 (-1: none).</summary>
    private static (long FirstNul, long FirstInvalidUtf8) Scan(Stream stream)
    {
        var buffer = new byte[ChunkSize];
        var carry = 0; // bytes of a UTF-8 sequence cut by the end of the previous chunk, moved to the buffer's start
        long dataStart = 0; // file offset of buffer[0]
        long firstInvalid = -1;
        int read;
        while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0)
        {
            var fresh = buffer.AsSpan(carry, read);
            var nul = fresh.IndexOf((byte)0);
            if (nul >= 0)
            {
                return (dataStart + carry + nul, firstInvalid);
            }

            var data = buffer.AsSpan(0, carry + read);
            var tail = 0;
            if (firstInvalid < 0)
            {
                tail = IncompleteTail(data);
                if (!Utf8.IsValid(data[..^tail]))
                {
                    firstInvalid = dataStart + FirstInvalidUtf8(data[..^tail]);
                    tail = 0;
                }
            }

            data[^tail..].CopyTo(buffer);
            dataStart += data.Length - tail;
            carry = tail;
        }

        // A sequence still cut at the end of the file is invalid.
        return (-1, firstInvalid < 0 && carry > 0 ? dataStart : firstInvalid);
    }

    /// <summary>Where the first byte that does not belong to a valid UTF-8 sequence is (the data is known to hold one).</summary>
    private static int FirstInvalidUtf8(ReadOnlySpan<byte> data)
    {
        var at = 0;
        while (at < data.Length)
        {
            if (Rune.DecodeFromUtf8(data[at..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return at;
            }

            at += consumed;
        }

        return data.Length;
    }

    /// <summary>
    /// The offset of the first sign that a file which is not UTF-8 is not Windows-1252 text either, or -1. Western
    /// European text has an accented letter here and there between ASCII letters; Korean, Chinese, Japanese, Cyrillic
    /// and Greek text in their legacy code pages is made of non-ASCII bytes. Three signs, each rare in real
    /// Windows-1252 text:
    /// <list type="bullet">
    /// <item>a byte Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), lead bytes in Shift-JIS, GBK, Big5
    /// and CP949;</item>
    /// <item>four non-ASCII bytes among five in a row (two Hangul or Chinese characters, a Cyrillic or Greek word);</item>
    /// <item>a byte of 0x80-0x9F followed by a byte of 0xA1-0xBF (symbols such as ¡ ¢ ° ½), the lead and trail bytes of
    /// Shift-JIS hiragana or kanji; not when the first is punctuation that opens or closes a phrase (“¡Hola!”).</item>
    /// </list>
    /// The non-breaking space 0xA0 counts as ASCII. A file of only a few such characters (one Korean syllable, Japanese
    /// kana) can go unnoticed; it is then read as Windows-1252 with the warning that says so.
    /// </summary>
    internal static long ForeignCodePageEvidence(Stream stream)
    {
        const int Window = 5;
        const int HighInWindow = 4;
        stream.Position = 0;
        var buffer = new byte[ChunkSize];
        long offset = 0;
        var recent = 0; // the last Window bytes, one bit each: 1 when non-ASCII
        var previous = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var chunk = buffer.AsSpan(0, read);
            for (var i = 0; i < chunk.Length; i++)
            {
                var b = chunk[i];
                var high = b >= 0x80 && b != 0xA0;
                recent = ((recent << 1) | (high ? 1 : 0)) & ((1 << Window) - 1);
                if (high)
                {
                    if (b is 0x81 or 0x8D or 0x8F or 0x90 or 0x9D
                        || int.PopCount(recent) >= HighInWindow
                        || (previous is >= 0x80 and <= 0x9F && !OpensOrClosesAPhrase(previous) && b is >= 0xA1 and <= 0xBF))
                    {
                        return offset + i;
                    }
                }

                previous = b;
            }

            offset += read;
        }

        return -1;
    }

    /// <summary>
    /// Windows-1252 punctuation that a symbol of 0xA1-0xBF follows in ordinary Western text: quotes, dashes, ellipsis,
    /// bullet, angle quotes, € and ™ (“¡Hola!”, —¿Qué?, “½”, ™®). Such a pair is no sign of Shift-JIS.
    /// </summary>
    private static bool OpensOrClosesAPhrase(int b) => b is 0x80 or 0x85 or 0x8B or (>= 0x91 and <= 0x97) or 0x99 or 0x9B;

    /// <summary>The physical line (1-based) of a byte offset: line breaks before it are LF, CR LF or a lone CR.</summary>
    internal static int LineAt(Stream stream, long offset)
    {
        stream.Position = 0;
        var buffer = new byte[ChunkSize];
        var breaks = 0;
        var previousWasCr = false;
        long left = offset;
        int read;
        while (left > 0 && (read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left))) > 0)
        {
            var chunk = buffer.AsSpan(0, read);
            breaks += chunk.Count((byte)'\r') + chunk.Count((byte)'\n') - chunk.Count("\r\n"u8);
            if (previousWasCr && chunk[0] == '\n')
            {
                breaks--;
            }

            previousWasCr = chunk[^1] == '\r';
            left -= read;
        }

        return breaks + 1;
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
