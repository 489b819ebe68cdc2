using System.Globalization;
using System.Text;

namespace BulkImport.Core.Domains.Common;

/// <summary>An e-mail address. Part of <see cref="FieldFormats"/>; its rules of the spec are listed there.</summary>
public static partial class FieldFormats
{
    /// <summary>The longest e-mail address accepted (RFC 5321 path limit less the angle brackets).</summary>
    public const int EmailMaxLength = 254;

    private const int EmailLocalMaxLength = 64;
    private const int DomainLabelMaxLength = 63;
    private const string EmailExpected = "Email must be an address like name@example.org";

    /// <summary>An e-mail address (the address only, no display name), at most 254 characters; stored as typed.</summary>
    public static FieldResult Email(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Characters(value, EmailMaxLength) is var length && length > EmailMaxLength)
        {
            return FieldResult.Fail(Invariant($"Email is {length} characters long; the limit is {EmailMaxLength}"));
        }

        var problem = EmailProblem(value);
        return problem is null ? FieldResult.Ok(value) : FieldResult.Fail($"{EmailExpected}; {problem}");
    }

    private static string? EmailProblem(string value)
    {
        var at = -1;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsWhiteSpace(c))
            {
                return "it contains a space (give the address only, without a name)";
            }

            if (c == '@')
            {
                if (at >= 0)
                {
                    return "it has more than one @";
                }

                at = i;
            }
        }

        if (at < 0)
        {
            return "it has no @";
        }

        var local = value.AsSpan(0, at);
        var domain = value.AsSpan(at + 1);
        if (local.IsEmpty)
        {
            return "there is nothing before the @";
        }

        if (domain.IsEmpty)
        {
            return "there is nothing after the @";
        }

        if (local.Length > EmailLocalMaxLength)
        {
            return Invariant($"the part before the @ is longer than {EmailLocalMaxLength} characters");
        }

        foreach (var c in local)
        {
            if (c != '.' && !IsAtext(c))
            {
                return $"the part before the @ cannot contain '{c}'";
            }
        }

        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return "the part before the @ cannot start or end with a dot or have two dots in a row";
        }

        return DomainProblem(domain);
    }

    private static string? DomainProblem(ReadOnlySpan<char> domain)
    {
        const string invalid = "the part after the @ is not a valid domain, like example.org";
        if (!Ascii.IsValid(domain))
        {
            try
            {
                // Rare path; IdnMapping instances are not documented as thread-safe, so one per call.
                domain = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(domain.ToString());
            }
            catch (ArgumentException)
            {
                return invalid;
            }
        }

        var labels = 0;
        var lastLabelAllDigits = false;
        var lastLabelLength = 0;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.IsEmpty || label.Length > DomainLabelMaxLength || label[0] == '-' || label[^1] == '-')
            {
                return invalid;
            }

            var allDigits = true;
            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return invalid;
                }

                allDigits &= char.IsAsciiDigit(c);
            }

            labels++;
            lastLabelAllDigits = allDigits;
            lastLabelLength = label.Length;
        }

        if (labels < 2)
        {
            return "the part after the @ needs a dot, like example.org";
        }

        return lastLabelAllDigits || lastLabelLength < 2 ? invalid : null;
    }

    /// <summary>RFC 5322 atext: the characters of a dot-atom local part other than the dot.</summary>
    private static bool IsAtext(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '/'
            or '=' or '?' or '^' or '_' or '`' or '{' or '|' or '}' or '~';
}
