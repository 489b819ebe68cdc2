using System.Globalization;
using System.Text;

namespace BulkImport.Core.Domains.Common;

/// <summary>A Social Security number, and its mask. Part of <see cref="FieldFormats"/>; its rules of the spec are listed there.</summary>
public static partial class FieldFormats
{
    private const string SsnFullyMasked = "***-**-****";

    /// <summary>
    /// A Social Security number, canonical "123456789"; "123-45-6789" and "123 45 6789" are accepted.
    /// Messages never contain the number: only its mask (<see cref="MaskSsn"/>).
    /// </summary>
    public static FieldResult Ssn(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<char> d = stackalloc char[9];
        if (!TryReadSsnDigits(value, d))
        {
            if (IsMasked(value))
            {
                // Our own mask coming back: rows.csv gives an Importer each SSN masked (SPEC 20), and the file is meant
                // to be fixed and uploaded again, so say what it is and the two ways on.
                return FieldResult.Fail($"SSN {value.Trim()} is masked, as downloaded files show it: type the SSN in full, or clear the cell to keep the stored SSN on an Update");
            }

            var digits = CountAsciiDigits(value);
            foreach (var c in value)
            {
                if (!(char.IsAsciiDigit(c) || IsDash(c) || char.IsWhiteSpace(c)))
                {
                    return FieldResult.Fail($"SSN may contain only digits, dashes and spaces, like ###-##-#### ({SsnMaskForMessage(value)})");
                }
            }

            // Seven or eight bare digits are what a spreadsheet makes of an SSN starting with zeros (001-…, 012-…)
            // read as a number; the mask hides the value, so the message says what probably happened, as Zip's does.
            var zerosDropped = digits is 7 or 8 && digits == value.Trim().Length
                ? "; if a spreadsheet dropped its leading zeros, put them back in front (and format the column as Text so that they stay)"
                : "";
            return digits == 9
                ? FieldResult.Fail($"SSN must be written ###-##-####, ### ## #### or ######### ({SsnMaskForMessage(value)})")
                : FieldResult.Fail(Invariant($"SSN must have 9 digits, like ###-##-####; it has {digits} ({SsnMaskForMessage(value)}){zerosDropped}"));
        }

        if (d[..3] is "000" or "666" || d[0] == '9')
        {
            return FieldResult.Fail($"SSN {SsnMaskForMessage(value)} is not valid: its first three digits cannot be 000, 666 or 900-999");
        }

        if (d.Slice(3, 2) is "00")
        {
            return FieldResult.Fail($"SSN {SsnMaskForMessage(value)} is not valid: its middle two digits cannot be 00");
        }

        if (d[5..] is "0000")
        {
            return FieldResult.Fail($"SSN {SsnMaskForMessage(value)} is not valid: its last four digits cannot be 0000");
        }

        return FieldResult.Ok(value.Length == 9 ? value : new string(d));
    }

    /// <summary>
    /// "***-**-6789": the last four digits of an SSN for messages, logs and grids. The last four are shown only when
    /// the value has at least nine digits, so a short or partial number is never shown whole; otherwise "***-**-****".
    /// An empty value masks to "", and a mask stays as it is: masking "***-**-6789" again must not hide the four digits
    /// it shows (a value masked for one screen and shown by another, or an export of masked values read back).
    /// </summary>
    public static string MaskSsn(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return "";
        }

        if (IsMasked(value))
        {
            return value.Trim();
        }

        if (CountAsciiDigits(value) < 9)
        {
            return SsnFullyMasked;
        }

        Span<char> lastFour = stackalloc char[4];
        var found = 0;
        for (var i = value.Length - 1; i >= 0 && found < 4; i--)
        {
            if (char.IsAsciiDigit(value[i]))
            {
                lastFour[3 - found] = value[i];
                found++;
            }
        }

        return string.Concat("***-**-", lastFour);
    }

    /// <summary>Whether the value is a mask of ours: "***-**-6789" or "***-**-****".</summary>
    private static bool IsMasked(string value)
    {
        var v = value.AsSpan().Trim();
        return v.Length == 11 && v.StartsWith("***-**-") && (v[7..] is "****" || AllAsciiDigits(v[7..]));
    }

    /// <summary>The mask of an SSN in a message: never empty, so the message always shows where the value would be.</summary>
    private static string SsnMaskForMessage(string value) => value.Length == 0 ? SsnFullyMasked : MaskSsn(value);

    /// <summary>Reads ######### or ###?##?#### (each ? a dash or white space) into <paramref name="digits"/>.</summary>
    private static bool TryReadSsnDigits(string value, Span<char> digits)
    {
        if (value.Length == 9 && AllAsciiDigits(value))
        {
            value.AsSpan().CopyTo(digits);
            return true;
        }

        if (value.Length == 11 && IsSsnSeparator(value[3]) && IsSsnSeparator(value[6])
            && AllAsciiDigits(value.AsSpan(0, 3)) && AllAsciiDigits(value.AsSpan(4, 2)) && AllAsciiDigits(value.AsSpan(7, 4)))
        {
            value.AsSpan(0, 3).CopyTo(digits);
            value.AsSpan(4, 2).CopyTo(digits[3..]);
            value.AsSpan(7, 4).CopyTo(digits[5..]);
            return true;
        }

        return false;
    }

    private static bool IsSsnSeparator(char c) => IsDash(c) || char.IsWhiteSpace(c);
}
