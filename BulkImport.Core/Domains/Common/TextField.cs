using System.Globalization;
using System.Text;

namespace BulkImport.Core.Domains.Common;

/// <summary>Free text of a bounded length (names, address, city). Part of <see cref="FieldFormats"/>; its rules of the spec are listed there.</summary>
public static partial class FieldFormats
{
    /// <summary>Free text of at most <paramref name="maxLength"/> characters, on one line; stored as given.</summary>
    public static FieldResult Text(string value, string column, int maxLength) => Text(value, column, maxLength, allowLineBreaks: false);

    /// <summary>
    /// Free text of at most <paramref name="maxLength"/> characters. Line breaks are allowed only where a value may
    /// span lines (an address exported from another system); control characters never are.
    /// </summary>
    public static FieldResult Text(string value, string column, int maxLength, bool allowLineBreaks)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > maxLength)
        {
            return FieldResult.Fail(Invariant($"{column} is {value.Length} characters long; the limit is {maxLength}"));
        }

        foreach (var c in value)
        {
            if (c is '\r' or '\n' or '\u2028' or '\u2029')
            {
                if (allowLineBreaks)
                {
                    continue;
                }

                return FieldResult.Fail($"{column} contains a line break; put the text on one line");
            }

            if (char.IsControl(c))
            {
                return FieldResult.Fail(Invariant($"{column} contains a control character (U+{(int)c:X4}); remove it"));
            }
        }

        return FieldResult.Ok(value);
    }
}
