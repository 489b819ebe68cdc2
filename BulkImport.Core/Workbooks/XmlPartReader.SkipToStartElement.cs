namespace BulkImport.Core.Workbooks;

// The search that jumps to a start element over bytes not read as XML: the merged cells a sheet writes after its
// rows are found before the rows are read (MergedHeaderCells), without the cost of reading them.
internal sealed partial class XmlPartReader
{
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
}
