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
            return FieldResult.Fail($"{column} must be a whole number greater than 0, like 123");
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
}
