using System.Text;

namespace BulkImport.Core.Workbooks;

// The part's encoding: a UTF-8 byte order mark or declaration is read, any other encoding refused.
internal sealed partial class XmlPartReader
{
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
}
