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
        if (Characters(value, maxLength) is var length && length > maxLength)
        {
            return FieldResult.Fail(Invariant($"{column} is {length} characters long; the limit is {maxLength}"));
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

    /// <summary>
    /// The length a person counts and PostgreSQL's <c>varchar(n)</c> limits: Unicode characters, so an emoji is one,
    /// not the two UTF-16 units of <see cref="string.Length"/>. Counted only when the units pass the limit.
    /// </summary>
    internal static int Characters(string value, int maxLength) => value.Length <= maxLength ? value.Length : value.EnumerateRunes().Count();
}
