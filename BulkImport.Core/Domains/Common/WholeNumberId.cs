using System.Globalization;
using System.Text;

namespace BulkImport.Core.Domains.Common;

/// <summary>A whole-number ID (Client ID, CourseID, SectionID). Part of <see cref="FieldFormats"/>; its rules of the spec are listed there.</summary>
public static partial class FieldFormats
{
    /// <summary>A whole number greater than 0 that fits the database key; canonical without leading zeros.</summary>
    public static FieldResult WholeNumberId(string value, string column)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0 || !AllAsciiDigits(value))
        {
            return WithDecimals(value, column) ?? FieldResult.Fail($"{column} must be a whole number greater than 0, like 123");
        }

        var start = 0;
        while (start < value.Length - 1 && value[start] == '0')
        {
            start++;
        }

        var digits = value.AsSpan(start);
        if (digits is "0")
        {
            return FieldResult.Fail($"{column} must be a whole number greater than 0, like 123; 0 is not an ID");
        }

        if (digits.Length > 10 || (digits.Length == 10 && digits.CompareTo("2147483647", StringComparison.Ordinal) > 0))
        {
            return FieldResult.Fail($"{column} must be a whole number from 1 to 2147483647");
        }

        return FieldResult.Ok(start == 0 ? value : value[start..]);
    }

    /// <summary>
    /// An ID written with decimals ("41.00": Excel writes a number cell as its format shows it, and a workbook cell reads
    /// so too) is refused, since SPEC 6 accepts no variant of an ID, but the message says why and, for a zero fraction,
    /// which ID it was, as the problem groups' one-click fix. Null when the value is not digits, a point and digits.
    /// </summary>
    private static FieldResult? WithDecimals(string value, string column)
    {
        var point = value.IndexOf('.', StringComparison.Ordinal);
        if (point <= 0 || point == value.Length - 1 || !AllAsciiDigits(value.AsSpan(0, point)) || !AllAsciiDigits(value.AsSpan(point + 1)))
        {
            return null;
        }

        var shown = value.Length <= 30 ? value : string.Concat(value.AsSpan(0, 27), "...");
        var notWhole = $"{column} '{shown}' is not a whole number; IDs have no decimals.";
        if (value.AsSpan(point + 1).ContainsAnyExcept('0'))
        {
            return FieldResult.Fail(notWhole);
        }

        var whole = WholeNumberId(value[..point], column);
        return whole.IsValid
            ? FieldResult.Fail($"{notWhole} Did you mean '{whole.Value}'? In a spreadsheet, give the column 0 decimal places or the Text format.")
            : whole;
    }
}
