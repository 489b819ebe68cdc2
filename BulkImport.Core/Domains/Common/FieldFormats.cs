using System.Globalization;
using System.Text;

namespace BulkImport.Core.Domains.Common;

/// <summary>
/// The field rules of SPEC sections 6, 7 and 13, one file per format (EmailFormat.cs, DateFormat.cs, ...), and the
/// helpers they share. Each takes a cell already cleaned (<see cref="CellText.Clean"/>),
/// trimmed and non-empty (blank handling is the caller's) and returns its canonical form, or a message that names
/// the column and says what is expected. An accepted variant returns its canonical form, and a canonical value maps
/// to itself (the same instance where possible), so every rule is idempotent. The rules run over a million rows: they are
/// hand-written span code with no regular expressions, no LINQ, and no allocation when the cell is already canonical.
/// Decisions where the spec is silent:
/// <list type="bullet">
/// <item>IDs: ASCII digits only; leading zeros are accepted and dropped ("007" is 7); no sign, separators, decimals or
/// exponents; the value must fit the database key (1 to 2147483647).</item>
/// <item>Text: the length is counted in UTF-16 code units (what <see cref="string.Length"/> and most database column
/// limits count); control characters, line breaks included, are rejected.</item>
/// <item>Email: one practical rule instead of <c>MailAddress</c>, which also accepts display names, comments and quoted
/// local parts: ASCII dot-atom local part of 1–64 characters, a domain of at least two dot-separated labels (letters,
/// digits, inner hyphens, up to 63 characters each; international domains are checked through IDNA), a top-level
/// label that is not all digits (no IP addresses), 254 characters at most. Stored as typed.</item>
/// <item>Phone and SSN: any white space (a non-breaking space too) counts as a space, and Unicode dashes
/// (U+2010–U+2014, U+2212) count as "-". NANP area and exchange rules are not applied: the spec asks for 10 digits.</item>
/// <item>SSN: exactly ######### or ###-##-#### (each separator a dash or a space). Messages and <see cref="MaskSsn"/>
/// show only the last four digits, and only when the value has at least nine digits; otherwise ***-**-****.</item>
/// <item>Dates: M/D/YYYY (one or two digits for month and day) or YYYY-MM-DD exactly; years 0001–9999; no
/// two-digit years, no spreadsheet serial numbers, no day-first dates, no times: a midnight time (3/15/2023 0:00) gets the
/// format's message, any other time an error that names it and says the column takes a date only (a workbook's
/// date-time cell at midnight is written as the date by the reader).</item>
/// <item>State: every two-letter code of USPS Publication 28: the 50 states, DC, the territories AS, GU, MP, PR, VI,
/// the freely associated states FM, MH, PW and the military codes AA, AE, AP; not UM (no USPS service). A full name
/// ("Florida") is rejected with the code to use.</item>
/// <item>Zip: 5 digits or 5+4 with a dash (a Unicode dash is canonicalised to "-").</item>
/// </list>
/// </summary>
public static partial class FieldFormats
{
    private static void WriteDigits(Span<char> destination, int number)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (number % 10));
            number /= 10;
        }
    }

    /// <summary>The value of a short run of ASCII digits (already checked).</summary>
    private static int ParseDigits(ReadOnlySpan<char> digits)
    {
        var number = 0;
        foreach (var c in digits)
        {
            number = (number * 10) + (c - '0');
        }

        return number;
    }

    private static bool AllAsciiDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static int CountAsciiDigits(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>"-" and the Unicode dashes a word processor substitutes for it.</summary>
    private static bool IsDash(char c) => c is '-' or (>= '\u2010' and <= '\u2014') or '\u2212';

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
