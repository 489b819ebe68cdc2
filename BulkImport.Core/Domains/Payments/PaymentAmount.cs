using System.Globalization;
using BulkImport.Core.Domains.Common;

namespace BulkImport.Core.Domains.Payments;

/// <summary>
/// An amount of money (SPEC section 13): a number greater than 0 with at most two decimals, canonical with exactly two
/// ("1200.50"); "1,200.50" (thousands separators in their places) and "$1200.50" are accepted variants. Amounts are
/// compared in whole cents, never as floating point.
/// </summary>
public static class PaymentAmount
{
    /// <summary>The largest amount an invoice column holds (precision 10, scale 2).</summary>
    public const long MaxCents = 99_999_999_99;

    private const string Expected = "Amount must be a number greater than 0 with at most two decimals, like 1200.50";

    public static FieldResult Check(string value) =>
        TryParseCents(value, out var cents, out var error) ? FieldResult.Ok(Format(cents)) : FieldResult.Fail(error!);

    /// <summary>The cents of a canonical (or accepted) amount.</summary>
    public static bool TryParseCents(string value, out long cents, out string? error)
    {
        cents = 0;
        error = null;
        var text = value.AsSpan().Trim();
        if (text.StartsWith("$"))
        {
            text = text[1..].TrimStart();
        }

        if (text.StartsWith("-") || text.StartsWith("("))
        {
            error = $"Amount '{value}' is negative: a payment is a positive amount. Enter what was paid, like 1200.50.";
            return false;
        }

        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? [] : text[(point + 1)..];
        if (whole.Length == 0 || !WholePart(whole, out var units) || !AllDigits(fraction))
        {
            error = $"{Expected}; '{value}' is not.";
            return false;
        }

        if (fraction.Length > 2)
        {
            error = $"Amount '{value}' has {fraction.Length} decimals; a payment has at most two (cents), like 1200.50.";
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
