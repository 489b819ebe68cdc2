using System.Globalization;
using System.Text;

namespace BulkImport.Core.Workbooks;

/// <summary>
/// One section of a number format code (the parts between semicolons), with what it means for a value: whether it shows
/// a date, a time or an elapsed duration, the .NET pattern of its digit placeholders and literals, and its condition.
/// </summary>
internal sealed record NumberFormatSection(bool HasDate, bool HasTime, string? NetPattern, Func<double, bool>? Condition)
{
    public static NumberFormatSection Parse(string code)
    {
        var hasDate = false;
        var hasTime = false;
        var elapsed = false;
        var previous = '\0'; // the last date or time code letter: 'y', 'm' (month), 'd', 'h', 'n' (minutes) or 's'
        var pattern = new StringBuilder();
        var digits = 0;
        var supported = true;
        Func<double, bool>? condition = null;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            switch (c)
            {
                case '"':
                    var close = code.IndexOf('"', i + 1);
                    close = close < 0 ? code.Length : close;
                    pattern.Append('"').Append(code.AsSpan(i + 1, close - i - 1)).Append('"');
                    i = close;
                    break;
                case '\\':
                    if (i + 1 < code.Length)
                    {
                        pattern.Append('\\').Append(code[++i]);
                    }

                    break;
                case '_':
                case '*':
                    i++; // padding and fill characters: spacing, not text
                    break;
                case '[':
                    var end = code.IndexOf(']', i + 1);
                    end = end < 0 ? code.Length - 1 : end;
                    var inside = code[(i + 1)..end];
                    if (inside.Length > 0 && inside[0] is '<' or '>' or '=')
                    {
                        condition = ConditionOf(inside);
                    }
                    else if (inside.Length > 0 && char.ToLowerInvariant(inside[0]) is 'h' or 'm' or 's')
                    {
                        hasTime = elapsed = true; // elapsed time, [h]:mm
                        previous = char.ToLowerInvariant(inside[0]) is 'm' ? 'n' : char.ToLowerInvariant(inside[0]);
                    }

                    i = end;
                    break;
                case '0' or '#':
                    digits++;
                    pattern.Append(c);
                    break;
                case '?':
                    digits++;
                    pattern.Append('#');
                    break;
                case ',':
                    break; // a thousands separator (or a scaling by 1,000, rare in imports): never shown
                case '.' or '%' or '-' or '+' or '(' or ')' or ' ' or ':' or '$':
                    pattern.Append(c);
                    break;
                case 'y' or 'Y' or 'd' or 'D':
                    hasDate = true;
                    previous = char.ToLowerInvariant(c);
                    break;
                case 'h' or 'H' or 's' or 'S':
                    hasTime = true;
                    previous = char.ToLowerInvariant(c);
                    break;
                case 'a' or 'A' when AmPmLength(code, i) is > 0 and var length:
                    hasTime = true;
                    i += length - 1;
                    break;
                case 'm' or 'M':
                    // Excel's rule: m right after an hour or right before seconds is minutes (mm:ss, h:mm), else
                    // a month (m/d/yyyy). Taking mm:ss for a month read durations as dates in December 1899.
                    var minutes = previous == 'h' || NextCodeLetter(code, i) == 's';
                    hasTime |= minutes;
                    hasDate |= !minutes;
                    previous = minutes ? 'n' : 'm';
                    while (i + 1 < code.Length && code[i + 1] is 'm' or 'M')
                    {
                        i++;
                    }

                    break;
                case 'e' or 'E' or '/':
                    supported = false; // exponent or fraction: shown as the plain number instead
                    break;
                case '@':
                    supported = false;
                    break;
                default:
                    pattern.Append('\\').Append(c);
                    break;
            }
        }

        // "General" inside a section, or a section of only literals, shows the number as it is.
        var usable = supported && digits > 0 && !hasDate && !hasTime;
        return new NumberFormatSection(hasDate, hasTime, usable ? pattern.ToString() : null, condition) { Elapsed = elapsed };
    }

    /// <summary>Whether the section shows elapsed time ([h]:mm:ss): hours past 24 are shown, not turned into days.</summary>
    public bool Elapsed { get; private init; }

    /// <summary>The length of AM/PM or A/P (any case) at <paramref name="at"/>, or 0.</summary>
    private static int AmPmLength(string code, int at) =>
        string.Compare(code, at, "AM/PM", 0, 5, StringComparison.OrdinalIgnoreCase) == 0 ? 5
        : string.Compare(code, at, "A/P", 0, 3, StringComparison.OrdinalIgnoreCase) == 0 ? 3
        : 0;

    /// <summary>The next date or time code letter after the run of m at <paramref name="at"/>, skipping separators and quoted or escaped literals.</summary>
    private static char NextCodeLetter(string code, int at)
    {
        var i = at;
        while (i < code.Length && code[i] is 'm' or 'M')
        {
            i++;
        }

        for (; i < code.Length; i++)
        {
            switch (code[i])
            {
                case '"':
                    var close = code.IndexOf('"', i + 1);
                    i = close < 0 ? code.Length : close;
                    break;
                case '\\' or '_' or '*':
                    i++;
                    break;
                case '[':
                    // [$-409] is a locale, [Red] a colour; [ss] is elapsed seconds.
                    var end = code.IndexOf(']', i + 1);
                    if (i + 1 < code.Length && char.ToLowerInvariant(code[i + 1]) is 'h' or 'm' or 's')
                    {
                        return char.ToLowerInvariant(code[i + 1]);
                    }

                    i = end < 0 ? code.Length : end;
                    break;
                case var letter when char.ToLowerInvariant(letter) is 'y' or 'm' or 'd' or 'h' or 's' or 'a':
                    return char.ToLowerInvariant(letter);
            }
        }

        return '\0';
    }

    private static Func<double, bool>? ConditionOf(string text)
    {
        var op = text.StartsWith("<=", StringComparison.Ordinal) || text.StartsWith(">=", StringComparison.Ordinal) || text.StartsWith("<>", StringComparison.Ordinal) ? text[..2] : text[..1];
        if (!double.TryParse(text.AsSpan(op.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var limit))
        {
            return null;
        }

        return op switch
        {
            "<=" => v => v <= limit,
            ">=" => v => v >= limit,
            "<>" => v => v != limit,
            "<" => v => v < limit,
            ">" => v => v > limit,
            _ => v => v == limit,
        };
    }
}
