using System.Globalization;
using System.Text;

namespace BulkImport.Core.Domains.Common;

/// <summary>A ZIP code. Part of <see cref="FieldFormats"/>; its rules of the spec are listed there.</summary>
public static partial class FieldFormats
{
    /// <summary>A ZIP code: 5 digits or ZIP+4 ("33755-1234"); leading zeros are kept.</summary>
    public static FieldResult Zip(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 5 && AllAsciiDigits(value))
        {
            return FieldResult.Ok(value);
        }

        if (value.Length == 10 && AllAsciiDigits(value.AsSpan(0, 5)) && IsDash(value[5]) && AllAsciiDigits(value.AsSpan(6)))
        {
            return FieldResult.Ok(value[5] == '-' ? value : string.Concat(value.AsSpan(0, 5), "-", value.AsSpan(6)));
        }

        const string expected = "Zip must be 5 digits or ZIP+4, like 33755 or 33755-1234";
        if (value.Length == 4 && AllAsciiDigits(value))
        {
            return FieldResult.Fail($"{expected}; if a spreadsheet dropped a leading zero, it is 0{value}");
        }

        if (value.Length == 9 && AllAsciiDigits(value))
        {
            return FieldResult.Fail($"{expected}; write ZIP+4 with a dash, like {value[..5]}-{value[5..]}");
        }

        return FieldResult.Fail(expected);
    }
}
