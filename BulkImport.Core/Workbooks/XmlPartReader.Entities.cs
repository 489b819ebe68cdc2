using System.Text;

namespace BulkImport.Core.Workbooks;

// Text as XML means it: the five named entities, character references and line breaks resolved.
internal sealed partial class XmlPartReader
{
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
}
