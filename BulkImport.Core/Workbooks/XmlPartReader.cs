using System.Buffers;
using System.Text;
using System.Xml;

namespace BulkImport.Core.Workbooks;

/// <summary>What <see cref="XmlPartReader"/> is on.</summary>
internal enum XmlPartNode
{
    None,
    StartElement,
    EndElement,
    Text,
}

/// <summary>
/// A forward-only reader of one workbook part's XML, straight over its UTF-8 bytes: element names, attributes and text
/// are spans of the reader's buffer, so a million-row sheet is read without a string per cell. It is what made the
/// sheet fast enough for SPEC 17's 2× (docs/decisions.md, "Excel workbooks"): XmlReader decodes every byte to UTF-16,
/// and its attribute values and element contents are strings.
/// <para>
/// It reads the XML a workbook part is: elements, attributes, text, CDATA, the five named entities and character
/// references; comments and processing instructions are skipped. A DTD is refused (an entity expansion is the XML form
/// of a zip bomb, an external entity would read the server's files), and so is a part that is not UTF-8 (Excel,
/// LibreOffice and every library writing .xlsx write UTF-8). Malformed XML is an <see cref="XmlException"/>. Every
/// start element has an end element, an empty one (<c>&lt;c/&gt;</c>) included, so a reader of it just counts them.
/// Names are compared without their prefix for elements (<c>x:row</c> is a row), and as written for attributes.
/// </para>
/// </summary>
internal sealed class XmlPartReader : IDisposable
{
    /// <summary>The longest tag or text the reader holds at once: Excel's cells hold 32,767 characters at most.</summary>
    public const int MaxTokenBytes = 16 * 1024 * 1024;

    private const int MaxAttributes = 64;

    private readonly Stream stream;
    private readonly string partName;
    private byte[] buffer = new byte[128 * 1024];
    private int start;     // the first byte not yet read into a node
    private int end;       // the bytes in the buffer
    private bool streamEnded;

    private int nameStart;
    private int nameLength;
    private bool pendingEnd;  // the start element just read was empty: its end element comes next
    private int textStart;
    private int textLength;
    private bool textIsCData;
    private byte[] decoded = new byte[256];

    private readonly int[] attributeNameStart = new int[MaxAttributes];
    private readonly int[] attributeNameLength = new int[MaxAttributes];
    private readonly int[] attributeValueStart = new int[MaxAttributes];
    private readonly int[] attributeValueLength = new int[MaxAttributes];
    private int attributeCount;
    private int openElements; // start elements read whose end element has not been
    private bool depthKnown = true;
    private bool firstRead = true;

    public XmlPartReader(Stream stream, string partName)
    {
        this.stream = stream;
        this.partName = partName;
    }

    public XmlPartNode Node { get; private set; }

    /// <summary>Elements around the current node, as XmlReader counts them: the root's start and end elements are at 0, what is in it at 1.</summary>
    public int Depth { get; private set; }

    /// <summary>The current element's name without its prefix.</summary>
    public ReadOnlySpan<byte> LocalName => buffer.AsSpan(nameStart, nameLength);

    public bool IsStart(ReadOnlySpan<byte> localName) => Node == XmlPartNode.StartElement && LocalName.SequenceEqual(localName);

    public bool IsEnd(ReadOnlySpan<byte> localName) => Node == XmlPartNode.EndElement && LocalName.SequenceEqual(localName);

    /// <summary>Moves to the next element or text; false at the end of the part.</summary>
    public bool Read()
    {
        if (pendingEnd)
        {
            pendingEnd = false;
            Node = XmlPartNode.EndElement;
            attributeCount = 0;
            Depth = --openElements;
            return true;
        }

        while (true)
        {
            if (start >= end && !Fill(start))
            {
                Node = XmlPartNode.None;
                if (openElements > 0 && depthKnown)
                {
                    throw Malformed("it ends before its elements are closed");
                }

                return false;
            }

            if (firstRead)
            {
                firstRead = false;
                if (!CheckEncodingMark())
                {
                    continue;
                }
            }

            if (buffer[start] != (byte)'<')
            {
                var lt = buffer.AsSpan(start, end - start).IndexOf((byte)'<');
                if (lt < 0 && !streamEnded)
                {
                    Fill(start);
                    continue;
                }

                var length = lt < 0 ? end - start : lt;
                var at = start;
                start += length;
                if (openElements == 0)
                {
                    continue; // whitespace around the root element
                }

                Depth = openElements;
                SetText(at, length, cdata: false);
                return true;
            }

            var result = ReadMarkup();
            if (result == Markup.NeedMore)
            {
                if (streamEnded)
                {
                    throw Malformed("it ends inside a tag");
                }

                Fill(start);
                continue;
            }

            if (result != Markup.Skipped)
            {
                return true;
            }
        }
    }

    /// <summary>
    /// The text of the current text node, its entities and line breaks resolved (XML reads CR LF as LF); valid until
    /// the next call.
    /// </summary>
    public ReadOnlySpan<byte> Text
    {
        get
        {
            var raw = buffer.AsSpan(textStart, textLength);
            return raw.IndexOfAny((byte)'&', (byte)'\r') < 0 ? raw : Decode(raw, entities: !textIsCData);
        }
    }

    /// <summary>Reads the text of the current element (on its start tag) into <paramref name="text"/>; leaves the reader on its end tag.</summary>
    public void ReadElementText(ByteText text)
    {
        var depth = Depth;
        while (Read())
        {
            if (Node == XmlPartNode.Text)
            {
                text.Append(Text);
            }
            else if (Node == XmlPartNode.EndElement && Depth == depth)
            {
                return;
            }
        }
    }

    /// <summary>Moves past the current element (on its start tag) and everything in it, onto its end tag.</summary>
    public void Skip()
    {
        var depth = Depth;
        while (Read())
        {
            if (Node == XmlPartNode.EndElement && Depth == depth)
            {
                return;
            }
        }
    }

    /// <summary>
    /// The value of attribute <paramref name="name"/> (as written, prefix included) of the current start element, its
    /// entities resolved; false when the element has none. Valid until the next call.
    /// </summary>
    public bool TryGetAttribute(ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        for (var i = 0; i < attributeCount; i++)
        {
            if (buffer.AsSpan(attributeNameStart[i], attributeNameLength[i]).SequenceEqual(name))
            {
                var raw = buffer.AsSpan(attributeValueStart[i], attributeValueLength[i]);
                value = raw.IndexOfAny((byte)'&', (byte)'\r') < 0 ? raw : Decode(raw, entities: true);
                return true;
            }
        }

        value = default;
        return false;
    }

    public string? GetAttribute(ReadOnlySpan<byte> name) =>
        TryGetAttribute(name, out var value) ? Encoding.UTF8.GetString(value) : null;

    /// <summary>
    /// Moves on to the next start element named <paramref name="localName"/> (prefixed or not) without reading what is
    /// in between as XML: a search of the bytes for the name, each hit checked to be a tag (text cannot hold a '&lt;').
    /// After it the reader no longer knows its depth. False when the part has no more such element.
    /// </summary>
    public bool SkipToStartElement(ReadOnlySpan<byte> localName)
    {
        depthKnown = false;
        pendingEnd = false;
        while (true)
        {
            var hit = buffer.AsSpan(start, end - start).IndexOf(localName);
            if (hit < 0)
            {
                if (streamEnded)
                {
                    start = end;
                    Node = XmlPartNode.None;
                    return false;
                }

                // Keep the tail: a name cut in two by the end of the buffer, and the prefix before it.
                start = Math.Max(start, end - localName.Length - 128);
                Fill(start);
                continue;
            }

            var at = start + hit;
            var after = at + localName.Length;
            if (after >= end && !streamEnded)
            {
                start = Math.Max(start, at - 128);
                Fill(start);
                continue;
            }

            var lt = at - 1;
            while (lt >= start && lt >= at - 128 && IsNameByte(buffer[lt]) && buffer[lt] != (byte)':')
            {
                lt--;
            }

            if (lt >= start && buffer[lt] == (byte)':')
            {
                lt--;
                while (lt >= start && lt >= at - 128 && IsNameByte(buffer[lt]))
                {
                    lt--;
                }
            }

            var isTag = lt >= start && buffer[lt] == (byte)'<' && (lt == at - 1 || buffer[at - 1] == (byte)':')
                && (after >= end || !IsNameByte(buffer[after]));
            if (!isTag)
            {
                start = after;
                continue;
            }

            start = lt;
            Node = XmlPartNode.None;
            openElements = 0;
            return Read();
        }
    }

    public void Dispose() => stream.Dispose();

    private enum Markup
    {
        Node,
        Skipped,
        NeedMore,
    }

    /// <summary>Reads the markup at <see cref="start"/> (a '&lt;'); NeedMore when the buffer ends inside it.</summary>
    private Markup ReadMarkup()
    {
        var span = buffer.AsSpan(start, end - start);
        if (span.Length < 2)
        {
            return Markup.NeedMore;
        }

        switch (span[1])
        {
            case (byte)'/':
            {
                var gt = span.IndexOf((byte)'>');
                if (gt < 0)
                {
                    return Markup.NeedMore;
                }

                var name = span[2..gt].TrimEnd(" \t\r\n"u8);
                var prefix = name.LastIndexOf((byte)':') + 1;
                SetName(start + 2 + prefix, name.Length - prefix);
                Node = XmlPartNode.EndElement;
                attributeCount = 0;
                start += gt + 1;
                if (openElements <= 0)
                {
                    if (depthKnown)
                    {
                        throw Malformed("an element is closed that was not opened");
                    }
                }
                else
                {
                    openElements--;
                }

                Depth = openElements;
                return Markup.Node;
            }

            case (byte)'?':
            {
                var close = span.IndexOf("?>"u8);
                if (close < 0)
                {
                    return Markup.NeedMore;
                }

                CheckDeclaration(span[..close]);
                start += close + 2;
                return Markup.Skipped;
            }

            case (byte)'!':
                return ReadDeclarationOrSection(span);
            default:
                return ReadStartTag(span);
        }
    }

    private Markup ReadDeclarationOrSection(ReadOnlySpan<byte> span)
    {
        if (span.Length < 9)
        {
            return Markup.NeedMore;
        }

        if (span.StartsWith("<!--"u8))
        {
            var close = span[4..].IndexOf("-->"u8);
            if (close < 0)
            {
                return Markup.NeedMore;
            }

            start += 4 + close + 3;
            return Markup.Skipped;
        }

        if (span.StartsWith("<![CDATA["u8))
        {
            var close = span[9..].IndexOf("]]>"u8);
            if (close < 0)
            {
                return Markup.NeedMore;
            }

            var at = start + 9;
            start += 9 + close + 3;
            SetText(at, close, cdata: true);
            return Markup.Node;
        }

        // <!DOCTYPE or anything else: never part of a workbook, and a DTD is how XML expands or reads what it should not.
        throw Malformed("it has a document type declaration (DTD), which a workbook never has");
    }

    private Markup ReadStartTag(ReadOnlySpan<byte> span)
    {
        var i = 1;
        var prefixEnd = 1;
        while (i < span.Length && IsNameByte(span[i]))
        {
            if (span[i] == (byte)':')
            {
                prefixEnd = i + 1;
            }

            i++;
        }

        if (i >= span.Length)
        {
            return Markup.NeedMore;
        }

        if (i == 1)
        {
            throw Malformed("a '<' does not start a tag");
        }

        var localStart = prefixEnd;
        var localLength = i - prefixEnd;
        var count = 0;
        while (true)
        {
            while (i < span.Length && IsSpace(span[i]))
            {
                i++;
            }

            if (i >= span.Length)
            {
                return Markup.NeedMore;
            }

            var c = span[i];
            if (c == (byte)'>' || c == (byte)'/')
            {
                var empty = c == (byte)'/';
                if (empty)
                {
                    if (i + 1 >= span.Length)
                    {
                        return Markup.NeedMore;
                    }

                    if (span[i + 1] != (byte)'>')
                    {
                        throw Malformed("a tag has a '/' that does not end it");
                    }

                    i++;
                }

                SetName(start + localStart, localLength);
                Node = XmlPartNode.StartElement;
                attributeCount = count;
                pendingEnd = empty;
                Depth = openElements++;
                start += i + 1;
                return Markup.Node;
            }

            var attributeStart = i;
            while (i < span.Length && IsNameByte(span[i]))
            {
                i++;
            }

            var attributeEnd = i;
            while (i < span.Length && IsSpace(span[i]))
            {
                i++;
            }

            if (i >= span.Length)
            {
                return Markup.NeedMore;
            }

            if (attributeEnd == attributeStart || span[i] != (byte)'=')
            {
                throw Malformed("an attribute has no value");
            }

            i++;
            while (i < span.Length && IsSpace(span[i]))
            {
                i++;
            }

            if (i >= span.Length)
            {
                return Markup.NeedMore;
            }

            var quote = span[i];
            if (quote != (byte)'"' && quote != (byte)'\'')
            {
                throw Malformed("an attribute value is not quoted");
            }

            var close = span[(i + 1)..].IndexOf(quote);
            if (close < 0)
            {
                return Markup.NeedMore;
            }

            if (count < MaxAttributes)
            {
                attributeNameStart[count] = start + attributeStart;
                attributeNameLength[count] = attributeEnd - attributeStart;
                attributeValueStart[count] = start + i + 1;
                attributeValueLength[count] = close;
                count++;
            }

            i += close + 2;
        }
    }

    private void SetName(int at, int length)
    {
        nameStart = at;
        nameLength = length;
    }

    private void SetText(int at, int length, bool cdata)
    {
        Node = XmlPartNode.Text;
        textStart = at;
        textLength = length;
        textIsCData = cdata;
        attributeCount = 0;
    }

    /// <summary>Moves the bytes from <paramref name="keepFrom"/> on to the buffer's start and reads more after them; false at the end of the part.</summary>
    private bool Fill(int keepFrom)
    {
        if (streamEnded)
        {
            return false;
        }

        var kept = end - keepFrom;
        if (keepFrom > 0)
        {
            Buffer.BlockCopy(buffer, keepFrom, buffer, 0, kept);
            start -= keepFrom;
            end = kept;
        }

        if (end == buffer.Length)
        {
            if (buffer.Length >= MaxTokenBytes)
            {
                throw Malformed($"it holds a tag or value longer than {MaxTokenBytes / (1024 * 1024)} MB");
            }

            Array.Resize(ref buffer, buffer.Length * 2);
        }

        var read = stream.Read(buffer, end, buffer.Length - end);
        if (read == 0)
        {
            streamEnded = true;
            return kept > 0;
        }

        end += read;
        return true;
    }

    /// <summary>Skips a UTF-8 byte order mark; a UTF-16 one is refused. False when the mark was all there was to read.</summary>
    private bool CheckEncodingMark()
    {
        var span = buffer.AsSpan(start, end - start);
        if (span.Length >= 2 && ((span[0] == 0xFF && span[1] == 0xFE) || (span[0] == 0xFE && span[1] == 0xFF)))
        {
            throw Malformed("it is written in UTF-16, not UTF-8");
        }

        if (span.StartsWith("\uFEFF"u8))
        {
            start += 3;
            return start < end;
        }

        return true;
    }

    /// <summary>The XML declaration may name UTF-8 (in any case) or nothing; another encoding is refused.</summary>
    private void CheckDeclaration(ReadOnlySpan<byte> instruction)
    {
        if (!instruction.StartsWith("<?xml"u8) || (instruction.Length > 5 && !IsSpace(instruction[5])))
        {
            return;
        }

        var at = instruction.IndexOf("encoding"u8);
        if (at < 0)
        {
            return;
        }

        var rest = instruction[(at + 8)..].TrimStart(" \t\r\n="u8);
        if (rest.Length > 0 && rest[0] is (byte)'"' or (byte)'\'')
        {
            var value = rest[1..];
            var close = value.IndexOf(rest[0]);
            value = close < 0 ? value : value[..close];
            if (!Ascii.EqualsIgnoreCase(value, "UTF-8"u8) && !Ascii.EqualsIgnoreCase(value, "UTF8"u8))
            {
                throw Malformed($"it is written in {Encoding.ASCII.GetString(value)}, not UTF-8");
            }
        }
    }

    /// <summary>Resolves entities and character references (unless CDATA) and CR LF or CR to LF, into the decoding buffer.</summary>
    private ReadOnlySpan<byte> Decode(ReadOnlySpan<byte> raw, bool entities)
    {
        if (decoded.Length < raw.Length)
        {
            decoded = new byte[Math.Max(raw.Length, decoded.Length * 2)];
        }

        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == (byte)'\r')
            {
                decoded[length++] = (byte)'\n';
                if (i + 1 < raw.Length && raw[i + 1] == (byte)'\n')
                {
                    i++;
                }

                continue;
            }

            if (b != (byte)'&' || !entities)
            {
                decoded[length++] = b;
                continue;
            }

            var semicolon = raw[i..].IndexOf((byte)';');
            if (semicolon < 0)
            {
                throw Malformed("an '&' does not start an entity");
            }

            var entity = raw.Slice(i + 1, semicolon - 1);
            i += semicolon;
            if (entity.SequenceEqual("lt"u8))
            {
                decoded[length++] = (byte)'<';
            }
            else if (entity.SequenceEqual("gt"u8))
            {
                decoded[length++] = (byte)'>';
            }
            else if (entity.SequenceEqual("amp"u8))
            {
                decoded[length++] = (byte)'&';
            }
            else if (entity.SequenceEqual("quot"u8))
            {
                decoded[length++] = (byte)'"';
            }
            else if (entity.SequenceEqual("apos"u8))
            {
                decoded[length++] = (byte)'\'';
            }
            else if (entity.Length > 1 && entity[0] == (byte)'#' && CharacterReference(entity[1..]) is { } rune)
            {
                // A reference takes at least 4 bytes (&#9;) and its character at most 4, so it fits where it was.
                length += rune.EncodeToUtf8(decoded.AsSpan(length));
            }
            else
            {
                throw Malformed($"it uses the entity &{Encoding.ASCII.GetString(entity[..Math.Min(entity.Length, 20)])}; which XML does not define");
            }
        }

        return decoded.AsSpan(0, length);
    }

    private static Rune? CharacterReference(ReadOnlySpan<byte> digits)
    {
        var hex = digits.Length > 1 && digits[0] is (byte)'x';
        var value = 0;
        var span = hex ? digits[1..] : digits;
        if (span.IsEmpty || span.Length > 8)
        {
            return null;
        }

        foreach (var d in span)
        {
            var digit = d is >= (byte)'0' and <= (byte)'9' ? d - '0'
                : hex && d is >= (byte)'a' and <= (byte)'f' ? d - 'a' + 10
                : hex && d is >= (byte)'A' and <= (byte)'F' ? d - 'A' + 10
                : -1;
            if (digit < 0)
            {
                return null;
            }

            value = (value * (hex ? 16 : 10)) + digit;
        }

        return value != 0 && Rune.IsValid(value) ? new Rune(value) : null;
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static bool IsNameByte(byte b) =>
        b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
            or (byte)'_' or (byte)'-' or (byte)'.' or (byte)':' or >= 0x80;

    /// <summary>Worded to follow "This workbook cannot be read: " (<see cref="WorkbookMessages.Damaged"/>).</summary>
    private XmlException Malformed(string what) => new($"its part '{partName}' is not valid XML: {what}");
}
