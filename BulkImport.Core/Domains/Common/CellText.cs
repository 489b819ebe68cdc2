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
