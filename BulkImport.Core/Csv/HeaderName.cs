using System.Text;

namespace BulkImport.Core.Csv;

/// <summary>
/// How a header cell is matched to a template column: case and every character that is not a letter or digit are
/// ignored, so "Course ID", "courseid", "course_id" and "COURSE-ID\u00A0" all mean "CourseID". Invisible characters
/// (non-breaking and zero-width spaces, a stray BOM) are not letters, so they drop out too.
/// </summary>
public static class HeaderName
{
    /// <summary>The matching key of a header or template column name: its letters and digits, lower case.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);

        // Compatibility composition first, so a decomposed "é" (e + combining accent) matches the precomposed one and
        // full-width letters match ASCII. string.Normalize throws on a lone surrogate, which a hostile header may hold.
        var text = SafeNormalize(name);
        var key = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                key.Append(Rune.ToLowerInvariant(rune).ToString());
            }
        }

        return key.ToString();
    }

    /// <summary>
    /// Whether a header cell shows nothing in a spreadsheet: empty, white space, or only zero-width characters.
    /// Such a column is Excel padding when the cells under it are blank too.
    /// </summary>
    internal static bool IsBlank(string cell)
    {
        foreach (var c in cell)
        {
            if (!char.IsWhiteSpace(c) && !IsZeroWidth(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsZeroWidth(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';

    internal static string SafeNormalize(string name)
    {
        try
        {
            return name.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Invalid UTF-16 (a lone surrogate): EnumerateRunes below reads it as U+FFFD, which is not a letter.
            return name;
        }
    }
}
