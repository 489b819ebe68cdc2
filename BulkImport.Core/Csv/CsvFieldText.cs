using System.Buffers;
using System.Text;

namespace BulkImport.Core.Csv;

/// <summary>
/// Turns a field as CsvHelper hands it over (UTF-8 bytes, quotes already removed) into the value we keep: trimmed of
/// all Unicode white space (NBSP, thin spaces, ideographic space, ...), allocating one string at most.
/// </summary>
internal static class CsvFieldText
{
    // C0 controls and DEL, except tab, CR and LF, which are legitimate inside a (quoted) value.
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    /// <summary>The trimmed value; "" (not a new string) when it is blank.</summary>
    public static string ToTrimmedString(ReadOnlySpan<byte> utf8)
    {
        // ASCII white space is trimmed on the bytes, so the common cases allocate only the final string.
        utf8 = utf8.Trim(" \t\r\n\v\f"u8);
        if (utf8.IsEmpty)
        {
            return string.Empty;
        }

        var text = Encoding.UTF8.GetString(utf8);
        if (utf8[0] >= 0x80 || utf8[^1] >= 0x80)
        {
            // May start or end with non-ASCII white space such as U+00A0; string.Trim knows all of Unicode's.
            text = text.Trim();
            if (text.Length == 0)
            {
                return string.Empty;
            }
        }

        return text[0] == '=' ? WithoutTextMarker(text) : text;
    }

    /// <summary>
    /// The text inside Excel's text marker <c>="000123"</c>, which programs write into CSV files for Excel to show a
    /// value as typed (leading zeros, long digits) rather than as a number: Excel shows <c>000123</c>, so that is the
    /// value. Kept as the text it is, it was stored as a payment's Reference Number and refused as an ID, SSN, phone
    /// or zip with a message that did not say why (an outside audit of messy files). Only a string literal and nothing
    /// else is taken off (no quote inside it, not empty): any other formula stays text, as SPEC's hostile inputs require.
    /// </summary>
    public static string WithoutTextMarker(string value)
    {
        if (value.Length < 4 || !value.StartsWith("=\"", StringComparison.Ordinal) || value[^1] != '"' || value.AsSpan(2, value.Length - 3).Contains('"'))
        {
            return value;
        }

        // An empty string inside stays as it is: a cell that shows nothing is blank, and blank is decided on the bytes.
        var inner = value[2..^1].Trim();
        return inner.Length == 0 ? value : inner;
    }

    /// <summary>Whether the field is empty or only white space, without allocating.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        utf8 = utf8.Trim(" \t\r\n\v\f"u8);
        while (!utf8.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(utf8, out var rune, out var consumed) != OperationStatus.Done || !Rune.IsWhiteSpace(rune))
            {
                return false;
            }

            utf8 = utf8[consumed..];
        }

        return true;
    }

    /// <summary>Where the first control character (NUL, bell, escape, ...) of a value is, or -1.</summary>
    public static int IndexOfControl(string value) => value.AsSpan().IndexOfAny(Controls);
}
