using System.Buffers.Text;
using System.Text;

namespace BulkImport.Core.Workbooks;

/// <summary>Small pieces of SpreadsheetML reading shared by the shared strings, styles and sheet readers.</summary>
internal static class SheetXml
{
    /// <summary>
    /// The text of a string item (<c>&lt;si&gt;</c> or an inline <c>&lt;is&gt;</c>), the reader on its start tag:
    /// its <c>&lt;t&gt;</c>, or the <c>&lt;t&gt;</c> of each rich-text run; phonetic guides (<c>&lt;rPh&gt;</c>) are
    /// not what the cell shows. Leaves the reader on the item's end tag.
    /// </summary>
    public static void ReadStringItem(XmlPartReader reader, ByteText text)
    {
        var depth = reader.Depth;
        while (reader.Read())
        {
            if (reader.Node == XmlPartNode.StartElement)
            {
                if (reader.LocalName.SequenceEqual("t"u8))
                {
                    reader.ReadElementText(text);
                }
                else if (reader.LocalName.SequenceEqual("rPh"u8))
                {
                    reader.Skip();
                }
            }
            else if (reader.Node == XmlPartNode.EndElement && reader.Depth == depth)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Undoes SpreadsheetML's escape of characters XML cannot hold: <c>_x000D_</c> is a carriage return, and
    /// <c>_x005F_</c> escapes the underscore of a literal "_x....", as Excel writes them. Writes the text to
    /// <paramref name="destination"/> (as long as the value at least: an escape is never shorter than its character)
    /// and returns its length.
    /// </summary>
    public static int Unescape(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        if (value.IndexOf("_x"u8) < 0)
        {
            value.CopyTo(destination);
            return value.Length;
        }

        var length = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (TryEscape(value, i, out var code))
            {
                i += 6;
                var rune = Rune.ReplacementChar;
                if (char.IsHighSurrogate((char)code) && TryEscape(value, i + 1, out var low) && char.IsLowSurrogate((char)low))
                {
                    rune = new Rune((char)code, (char)low);
                    i += 7;
                }
                else if (!char.IsSurrogate((char)code))
                {
                    rune = new Rune(code);
                }

                length += rune.EncodeToUtf8(destination[length..]);
                continue;
            }

            destination[length++] = value[i];
        }

        return length;
    }

    /// <summary>The 1-based row and 0-based column of a cell reference such as "AB12"; column -1 when it has no letters.</summary>
    public static (int Row, int Column) ParseReference(ReadOnlySpan<byte> reference)
    {
        var column = 0;
        var i = 0;
        for (; i < reference.Length && column <= 1_000_000; i++)
        {
            var c = reference[i];
            if (c is >= (byte)'A' and <= (byte)'Z')
            {
                column = (column * 26) + (c - 'A' + 1);
            }
            else if (c is >= (byte)'a' and <= (byte)'z')
            {
                column = (column * 26) + (c - 'a' + 1);
            }
            else
            {
                break;
            }
        }

        var row = 0;
        for (; i < reference.Length && row < 10_000_000; i++)
        {
            var c = reference[i];
            if (c is < (byte)'0' or > (byte)'9')
            {
                break;
            }

            row = (row * 10) + (c - '0');
        }

        return (row, column - 1);
    }

    /// <summary>A whole number written as digits (an index, a style, a row number); false for anything else.</summary>
    public static bool TryParseIndex(ReadOnlySpan<byte> digits, out int value) =>
        Utf8Parser.TryParse(digits.Trim(" \t\r\n"u8), out value, out var consumed) && consumed == digits.Trim(" \t\r\n"u8).Length && value >= 0;

    private static bool TryEscape(ReadOnlySpan<byte> value, int at, out int code)
    {
        code = 0;
        if (at + 6 >= value.Length || value[at] != (byte)'_' || value[at + 1] != (byte)'x' || value[at + 6] != (byte)'_')
        {
            return false;
        }

        for (var k = at + 2; k < at + 6; k++)
        {
            var d = value[k];
            var digit = d is >= (byte)'0' and <= (byte)'9' ? d - '0'
                : d is >= (byte)'a' and <= (byte)'f' ? d - 'a' + 10
                : d is >= (byte)'A' and <= (byte)'F' ? d - 'A' + 10
                : -1;
            if (digit < 0)
            {
                return false;
            }

            code = (code * 16) + digit;
        }

        return true;
    }
}
