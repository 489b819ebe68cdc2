using BulkImport.Core.Csv;

namespace BulkImport.Core.Workbooks;

/// <summary>
/// The workbook's shared string table, kept as UTF-8 in 16 MiB blocks with one 4-byte position per string. A
/// million-row sheet can share four or five million distinct strings (e-mails, SSNs, phone numbers): as .NET strings
/// they would take about half a gigabyte, here about a fifth of that, and cells are copied out as the UTF-8 bytes the
/// row reader wants anyway.
/// </summary>
internal sealed class SharedStrings
{
    private const int BlockBits = 24;
    private const int BlockSize = 1 << BlockBits;
    private const int MaxBlocks = 256; // a position is block << 24 | offset in a uint: 4 GiB of text at most

    private readonly List<byte[]> blocks = [];
    private uint[] positions = new uint[1024];
    private int used = BlockSize; // forces the first block
    private byte[] current = [];

    /// <summary>The table of a workbook that has none (every text cell inline, or no text at all).</summary>
    public static SharedStrings Empty { get; } = new();

    public int Count { get; private set; }

    /// <summary>The bytes of string <paramref name="index"/>; false when the table has no such string.</summary>
    public bool TryGet(int index, out ReadOnlySpan<byte> utf8)
    {
        if ((uint)index >= (uint)Count)
        {
            utf8 = default;
            return false;
        }

        var position = positions[index];
        var block = blocks[(int)(position >> BlockBits)];
        var offset = (int)(position & (BlockSize - 1));
        var length = ReadLength(block, ref offset);
        utf8 = block.AsSpan(offset, length);
        return true;
    }

    /// <summary>Reads the table's <c>&lt;si&gt;</c> items in order: plain text, or the text of every rich-text run (phonetic runs left out).</summary>
    public static SharedStrings Read(XmlPartReader reader)
    {
        var table = new SharedStrings();
        var text = new ByteText();
        while (reader.Read())
        {
            if (reader.IsStart("si"u8))
            {
                text.Clear();
                SheetXml.ReadStringItem(reader, text);
                table.Add(text.Span);
            }
        }

        return table;
    }

    private void Add(ReadOnlySpan<byte> text)
    {
        // Unescaped text is never longer than the escaped one, so the room is reserved for the escaped length.
        var needed = text.Length + 5;
        if (used + needed > BlockSize)
        {
            if (blocks.Count == MaxBlocks || needed > BlockSize)
            {
                throw new CsvFileException(WorkbookMessages.TooMuchText());
            }

            current = new byte[BlockSize];
            blocks.Add(current);
            used = 0;
        }

        if (Count == positions.Length)
        {
            Array.Resize(ref positions, positions.Length * 2);
        }

        positions[Count++] = ((uint)(blocks.Count - 1) << BlockBits) | (uint)used;
        // The length goes first; it is written once the text is (its own size depends on it), the text then moved up.
        var lengthBytes = LengthSize(text.Length);
        var length = SheetXml.Unescape(text, current.AsSpan(used + lengthBytes));
        var actualBytes = LengthSize(length);
        if (actualBytes != lengthBytes)
        {
            current.AsSpan(used + lengthBytes, length).CopyTo(current.AsSpan(used + actualBytes));
        }

        WriteLength(current, ref used, length);
        used += length;
    }

    private static int LengthSize(int length)
    {
        var size = 1;
        for (var value = (uint)length; value >= 0x80; value >>= 7)
        {
            size++;
        }

        return size;
    }

    private static void WriteLength(byte[] block, ref int at, int length)
    {
        var value = (uint)length;
        while (value >= 0x80)
        {
            block[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        block[at++] = (byte)value;
    }

    private static int ReadLength(byte[] block, ref int at)
    {
        var value = 0;
        var shift = 0;
        byte b;
        do
        {
            b = block[at++];
            value |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);

        return value;
    }
}
