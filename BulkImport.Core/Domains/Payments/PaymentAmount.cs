using System.Globalization;
using BulkImport.Core.Domains.Common;

namespace BulkImport.Core.Domains.Payments;

/// <summary>
/// An amount of money (SPEC section 13): a number greater than 0 with at most two decimals, canonical with exactly two
/// ("1200.50"); "1,200.50" (thousands separators in their places), "$1200.50", "+1200.50" and ".50" are accepted
/// variants. A comma is only ever a thousands separator; where it may be a decimal mark (a semicolon-separated file),
/// an amount whose only separator is one comma ("1,500") is refused as ambiguous. Amounts are compared in whole cents,
/// never as floating point.
/// </summary>
public static class PaymentAmount
{
    /// <summary>The largest amount an invoice column holds (precision 10, scale 2).</summary>
    public const long MaxCents = 99_999_999_99;

    private const string Expected = "Amount must be a number greater than 0 with at most two decimals, like 1200.50";

    /// <param name="commaMayBeDecimalMark">The file is one where "1,500" may mean 1.50 (<see cref="ValidationSettings.CommaMayBeDecimalMark"/>).</param>
    public static FieldResult Check(string value, bool commaMayBeDecimalMark) =>
        TryParseCents(value, commaMayBeDecimalMark, out var cents, out var error) ? FieldResult.Ok(Format(cents)) : FieldResult.Fail(error!);

    /// <summary>The cents of a canonical (or accepted) amount.</summary>
    public static bool TryParseCents(string value, bool commaMayBeDecimalMark, out long cents, out string? error)
    {
        cents = 0;
        error = null;
        var text = WithoutPrefix(value.AsSpan().Trim());
        if (text.StartsWith("-") || text.StartsWith("("))
        {
            error = $"Amount '{value}' is negative: a payment is a positive amount. Enter what was paid, like 1200.50.";
            return false;
        }

        if (DecimalComma(text) is { } withPoint)
        {
            error = $"Amount '{value}' has a decimal comma: a comma is read only as a thousands separator (1,200.50), and decimal commas are not accepted. " +
                $"Write it with a decimal point: {withPoint}.";
            return false;
        }

        // A leading point is a whole part of 0 (".5" is 0.50), a trailing one no decimals ("12." is 12.00).
        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? [] : text[(point + 1)..];
        if ((whole.Length == 0 && fraction.Length == 0) || !WholePart(whole, out var units) || !AllDigits(fraction))
        {
            error = $"{Expected}; '{value}' is not.";
            return false;
        }

        if (fraction.Length > 2)
        {
            error = $"Amount '{value}' has {fraction.Length} decimals; a payment has at most two (cents), like 1200.50.";
            return false;
        }

        if (commaMayBeDecimalMark && point < 0 && whole.Count(',') == 1)
        {
            // "1,500": 1500.00 to whoever writes a thousands comma, 1.50 to whoever writes a decimal comma. A thousand
            // times too much money is not a guess to make; "1,234,567" (two commas) can only be thousands.
            var asThousands = Format(units * 100);
            var asDecimal = (units / 1000m).ToString("0.00#", CultureInfo.InvariantCulture);
            error = $"Amount '{value}' is ambiguous: in a file separated by semicolons the comma may be a decimal mark, so it may mean {asDecimal} or {asThousands}. " +
                $"Write the amount with a decimal point and no comma: {asThousands} or {asDecimal}.";
            return false;
        }

        var fractionCents = fraction.Length == 0 ? 0 : (fraction[0] - '0') * 10 + (fraction.Length == 2 ? fraction[1] - '0' : 0);
        if (units > MaxCents / 100)
        {
            error = $"Amount '{value}' is more than the largest amount an invoice holds, {Format(MaxCents)}.";
            return false;
        }

        cents = units * 100 + fractionCents;
        if (cents == 0)
        {
            error = $"Amount '{value}' is 0: a payment must be greater than 0. Skip the row if nothing was paid.";
            return false;
        }

        return true;
    }

    /// <summary>"1200.50": invariant, exactly two decimals, no separators.</summary>
    public static string Format(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>The cents of a stored decimal (an invoice's balance).</summary>
    public static long ToCents(decimal amount) => (long)decimal.Round(amount * 100m, MidpointRounding.AwayFromZero);

    /// <summary>Digits, with thousands separators only between groups of three ("1,200", not "12,00").</summary>
    private static bool WholePart(ReadOnlySpan<char> whole, out long units)
    {
        units = 0;
        var groups = whole.Contains(',');
        var digitsSinceComma = 0;
        var sawComma = false;
        foreach (var c in whole)
        {
            if (c == ',')
            {
                if ((sawComma && digitsSinceComma != 3) || (!sawComma && (digitsSinceComma is 0 or > 3)))
                {
                    return false;
                }

                sawComma = true;
                digitsSinceComma = 0;
                continue;
            }

            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            digitsSinceComma++;
            if (units > MaxCents)
            {
                continue;
            }

            units = units * 10 + (c - '0');
        }

        return !groups || digitsSinceComma == 3;
    }

    /// <summary>
    /// The amount without a leading '$' (spaces may follow it) and '+', each at most once and in either order, as
    /// spreadsheets and bank exports write them; a '-' or '(' left after them is a negative amount.
    /// </summary>
    private static ReadOnlySpan<char> WithoutPrefix(ReadOnlySpan<char> text)
    {
        bool dollar = false, plus = false;
        while (true)
        {
            if (!dollar && text.StartsWith("$"))
            {
                dollar = true;
                text = text[1..].TrimStart();
            }
            else if (!plus && text.StartsWith("+"))
            {
                plus = true;
                text = text[1..];
            }
            else
            {
                return text;
            }
        }
    }

    /// <summary>
    /// The amount written with a decimal point, when it is written with a decimal comma: digits, a comma and one or two
    /// digits ("10,00", "10,5"), with points as thousands separators before the comma ("1.500,00"); otherwise null.
    /// </summary>
    private static string? DecimalComma(ReadOnlySpan<char> text)
    {
        var comma = text.LastIndexOf(',');
        if (comma < 0 || text.Length - comma - 1 is not (1 or 2) || !AllDigits(text[(comma + 1)..]) || text[..comma].Contains(','))
        {
            return null;
        }

        var whole = text[..comma];
        var digits = whole.Contains('.') ? PointGroups(whole) : whole.Length > 0 && AllDigits(whole) ? whole.ToString() : null;
        return digits is null ? null : $"{digits}.{text[(comma + 1)..].ToString().PadRight(2, '0')}";
    }

    /// <summary>The digits of a whole part grouped by points in threes ("1.500"), or null when it is not grouped so.</summary>
    private static string? PointGroups(ReadOnlySpan<char> whole)
    {
        var groups = whole.ToString().Split('.');
        return groups[0].Length is >= 1 and <= 3 && groups.All(g => g.Length > 0 && AllDigits(g)) && groups.Skip(1).All(g => g.Length == 3)
            ? string.Concat(groups)
            : null;
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
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
}
