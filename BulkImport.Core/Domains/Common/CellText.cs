using System.Text;

namespace BulkImport.Core.Domains.Common;

/// <summary>
/// Cleans a cell before any field rule sees it: removes invisible characters (zero-width space, non-joiner and
/// joiner U+200B–U+200D, byte order mark / zero-width no-break space U+FEFF, word joiner U+2060, the bidi marks
/// and controls U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069, and the soft hyphen U+00AD), applies
/// Unicode normalization form C (so a decomposed "é" equals the precomposed one), and trims the white space the
/// removal may expose. Key fields (IDs, SSN, phone, zip) become clean ASCII this way; visible look-alikes
/// (a Cyrillic "а") are left alone and fail the ASCII-only key rules.
/// </summary>
public static class CellText
{
    /// <summary>The cleaned cell; the same instance when there was nothing to clean (every ASCII cell).</summary>
    public static string Clean(string value)
    {
        ArgumentNullException.ThrowIfNull(value);

        var firstNonAscii = -1;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] >= 0x80)
            {
                firstNonAscii = i;
                break;
            }
        }

        if (firstNonAscii < 0)
        {
            return value;
        }

        var hasInvisible = false;
        for (var i = firstNonAscii; i < value.Length; i++)
        {
            if (IsInvisible(value[i]))
            {
                hasInvisible = true;
                break;
            }
        }

        var text = value;
        if (hasInvisible)
        {
            var builder = new StringBuilder(value.Length);
            foreach (var c in value)
            {
                if (!IsInvisible(c))
                {
                    builder.Append(c);
                }
            }

            text = builder.ToString().Trim();
        }

        // Lone surrogates make Normalize throw; such text cannot be normalized and is returned as it is.
        try
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }

    /// <summary>
    /// Undoes the formula escape of our exports (SPEC 10, OWASP): a leading apostrophe before = + - @ tab or CR is
    /// removed, so a value exported as <c>'=1+2</c> (a pre-filled template, say) is imported again as <c>=1+2</c>.
    /// Excel does the same with a typed apostrophe: it marks text and is not part of the value. Every other
    /// apostrophe is kept ("'Tis", "O'Neil").
    /// </summary>
    public static string WithoutFormulaEscape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length >= 2 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r'
            ? value[1..].Trim()
            : value;
    }

    /// <summary>
    /// A warning for an accepted value, or null: replacement characters (U+FFFD), or a token that usually stands for
    /// "no value" in other systems (NULL, N/A, #N/A, "-"). Such tokens are imported as the text they are (a person
    /// may be called Null); only an empty cell means "no value".
    /// </summary>
    public static (string Message, string Code)? Warning(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\uFFFD', StringComparison.Ordinal))
        {
            return ("Contains replacement characters (\uFFFD); data may be corrupted. Check the spelling against the source and retype the letters that show as \uFFFD.", "replacement-character");
        }

        if (value is "-" or "#N/A" || value.Equals("NULL", StringComparison.OrdinalIgnoreCase) || value.Equals("N/A", StringComparison.OrdinalIgnoreCase))
        {
            return ($"'{value}' is imported as the text {value}; if it means 'no value', clear the cell (an empty cell is no value).", "null-token");
        }

        return null;
    }

    /// <summary>True for the characters <see cref="Clean"/> removes.</summary>
    public static bool IsInvisible(char c) => c switch
    {
        '\u00AD' => true,                       // soft hyphen
        '\u061C' => true,                       // Arabic letter mark
        >= '\u200B' and <= '\u200F' => true,    // zero-width space, non-joiner, joiner, LRM, RLM
        >= '\u202A' and <= '\u202E' => true,    // bidi embeddings and overrides
        '\u2060' => true,                       // word joiner
        >= '\u2066' and <= '\u2069' => true,    // bidi isolates
        '\uFEFF' => true,                       // byte order mark / zero-width no-break space
        _ => false,
    };
}
