using System.Globalization;
using System.Text;

namespace BulkImport.Core.Domains.Common;

/// <summary>A US phone number. Part of <see cref="FieldFormats"/>; its rules of the spec are listed there.</summary>
public static partial class FieldFormats
{
    private const string PhoneExpected = "Phone Number must have 10 digits, like (727) 123-1234";

    /// <summary>A US phone number, canonical "(727) 123-1234".</summary>
    public static FieldResult Phone(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsCanonicalPhone(value))
        {
            return FieldResult.Ok(value);
        }

        Span<char> digits = stackalloc char[11];
        var count = 0;
        var plus = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
            {
                if (count < digits.Length)
                {
                    digits[count] = c;
                }

                count++;
            }
            else if (c == '+' && i == 0)
            {
                plus = true;
            }
            else if (!(c is '(' or ')' or '.' || IsDash(c) || char.IsWhiteSpace(c)))
            {
                return FieldResult.Fail("Phone Number may contain only digits, spaces, ( ) - . and a leading +1, like (727) 123-1234");
            }
        }

        scoped ReadOnlySpan<char> national;
        if (plus)
        {
            if (count > 0 && digits[0] != '1')
            {
                return FieldResult.Fail("Phone Number must be a US number, like (727) 123-1234; the only country code accepted is +1");
            }

            if (count != 11)
            {
                return FieldResult.Fail(Invariant($"Phone Number must have 10 digits after +1, like +1 (727) 123-1234; it has {count - 1}"));
            }

            national = digits[1..];
        }
        else if (count == 10)
        {
            national = digits[..10];
        }
        else if (count == 11 && digits[0] == '1')
        {
            national = digits[1..];
        }
        else if (count == 11)
        {
            return FieldResult.Fail($"{PhoneExpected}; 11 digits are accepted only when the first is the country code 1");
        }
        else
        {
            return FieldResult.Fail(Invariant($"{PhoneExpected}; it has {count}"));
        }

        return FieldResult.Ok(string.Create(14, national, static (text, d) =>
        {
            text[0] = '(';
            d[..3].CopyTo(text[1..]);
            text[4] = ')';
            text[5] = ' ';
            d.Slice(3, 3).CopyTo(text[6..]);
            text[9] = '-';
            d[6..].CopyTo(text[10..]);
        }));
    }

    private static bool IsCanonicalPhone(string value) =>
        value.Length == 14 && value[0] == '(' && value[4] == ')' && value[5] == ' ' && value[9] == '-'
        && AllAsciiDigits(value.AsSpan(1, 3)) && AllAsciiDigits(value.AsSpan(6, 3)) && AllAsciiDigits(value.AsSpan(10, 4));
}
