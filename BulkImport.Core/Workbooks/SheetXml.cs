using System.Globalization;
using System.Text;
using System.Xml;

namespace BulkImport.Core.Workbooks;

/// <summary>Small pieces of SpreadsheetML reading shared by the shared strings, styles and sheet readers.</summary>
internal static class SheetXml
{
    /// <summary>
    /// XML as an upload must be read: no DTD (an entity expansion is the XML form of a zip bomb, and an external
    /// entity would read files of the server), no resolver, whitespace-only nodes skipped.
    /// </summary>
    public static XmlReaderSettings Settings(XmlNameTable names) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
        NameTable = names,
    };

    /// <summary>
    /// The text of a string item (<c>&lt;si&gt;</c> or an inline <c>&lt;is&gt;</c>), the reader on its start tag:
    /// its <c>&lt;t&gt;</c>, or the <c>&lt;t&gt;</c> of each rich-text run; phonetic guides (<c>&lt;rPh&gt;</c>) are
    /// not what the cell shows. Leaves the reader on the item's end tag.
    /// </summary>
    public static void ReadStringItem(XmlReader reader, StringBuilder text)
    {
        if (reader.IsEmptyElement)
        {
            return;
        }

        var depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "rPh")
            {
                reader.Skip();
            }
            else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "t")
            {
                // Moves past the end tag (an empty <t/> included).
                text.Append(reader.ReadElementContentAsString());
            }
            else
            {
                reader.Read();
            }
        }
    }

    /// <summary>
    /// Undoes SpreadsheetML's escape of characters XML cannot hold: <c>_x000D_</c> is a carriage return, and
    /// <c>_x005F_</c> escapes the underscore of a literal "_x....", as Excel writes them.
    /// </summary>
    public static string Unescape(string value)
    {
        if (!value.Contains("_x", StringComparison.Ordinal))
        {
            return value;
        }

        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '_' && i + 6 < value.Length && value[i + 1] == 'x' && value[i + 6] == '_'
                && int.TryParse(value.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                result.Append((char)code);
                i += 6;
                continue;
            }

            result.Append(value[i]);
        }

        return result.ToString();
    }

    /// <summary>The 1-based row and 0-based column of a cell reference such as "AB12"; column -1 when it has no letters.</summary>
    public static (int Row, int Column) ParseReference(ReadOnlySpan<char> reference)
    {
        var column = 0;
        var i = 0;
        for (; i < reference.Length; i++)
        {
            var c = reference[i];
            if (c is >= 'A' and <= 'Z')
            {
                column = (column * 26) + (c - 'A' + 1);
            }
            else if (c is >= 'a' and <= 'z')
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
            if (c is < '0' or > '9')
            {
                break;
            }

            row = (row * 10) + (c - '0');
        }

        return (row, column - 1);
    }
}
