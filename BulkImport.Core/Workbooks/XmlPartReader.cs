using System.Buffers;
using System.Text;
using System.Xml;

namespace BulkImport.Core.Workbooks;

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
internal sealed partial class XmlPartReader : IDisposable
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

    public void Dispose() => stream.Dispose();

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

    /// <summary>Worded to follow "This workbook cannot be read: " (<see cref="WorkbookMessages.Damaged"/>).</summary>
    private XmlException Malformed(string what) => new($"its part '{partName}' is not valid XML: {what}");
}
