namespace BulkImport.Core.Workbooks;

// The grammar of a tag: end tags, start tags and their attributes, declarations, comments and CDATA sections.
internal sealed partial class XmlPartReader
{
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

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    private static bool IsNameByte(byte b) =>
        b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
            or (byte)'_' or (byte)'-' or (byte)'.' or (byte)':' or >= 0x80;
}
