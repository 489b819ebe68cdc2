using System.Globalization;
using System.Text;

namespace BulkImport.Core.Domains.Common;

/// <summary>
/// The field rules of SPEC sections 6 and 7. Each takes a cell already cleaned (<see cref="CellText.Clean"/>),
/// trimmed and non-empty (blank handling is the caller's) and returns its canonical form, or a message that names
/// the column and says what is expected. An accepted variant returns its canonical form, and a canonical value maps
/// to itself (the same instance where possible), so every rule is idempotent. The rules run over a million rows: they are
/// hand-written span code with no regular expressions, no LINQ, and no allocation when the cell is already canonical.
/// Decisions where the spec is silent:
/// <list type="bullet">
/// <item>IDs: ASCII digits only; leading zeros are accepted and dropped ("007" is 7); no sign, separators, decimals or
/// exponents; the value must fit the database key (1 to 2147483647).</item>
/// <item>Text: the length is counted in UTF-16 code units (what <see cref="string.Length"/> and most database column
/// limits count); control characters, line breaks included, are rejected.</item>
/// <item>Email: one practical rule instead of <c>MailAddress</c>, which also accepts display names, comments and quoted
/// local parts: ASCII dot-atom local part of 1–64 characters, a domain of at least two dot-separated labels (letters,
/// digits, inner hyphens, up to 63 characters each; international domains are checked through IDNA), a top-level
/// label that is not all digits (no IP addresses), 254 characters at most. Stored as typed.</item>
/// <item>Phone and SSN: any white space (a non-breaking space too) counts as a space, and Unicode dashes
/// (U+2010–U+2014, U+2212) count as "-". NANP area and exchange rules are not applied: the spec asks for 10 digits.</item>
/// <item>SSN: exactly ######### or ###-##-#### (each separator a dash or a space). Messages and <see cref="MaskSsn"/>
/// show only the last four digits, and only when the value has at least nine digits; otherwise ***-**-****.</item>
/// <item>Dates: M/D/YYYY (one or two digits for month and day) or YYYY-MM-DD exactly; years 0001–9999; no times,
/// no two-digit years, no spreadsheet serial numbers, no day-first dates.</item>
/// <item>State: every two-letter code of USPS Publication 28: the 50 states, DC, the territories AS, GU, MP, PR, VI,
/// the freely associated states FM, MH, PW and the military codes AA, AE, AP; not UM (no USPS service). A full name
/// ("Florida") is rejected with the code to use.</item>
/// <item>Zip: 5 digits or 5+4 with a dash (a Unicode dash is canonicalised to "-").</item>
/// </list>
/// </summary>
public static class FieldFormats
{
    /// <summary>The column name used in Date of Birth messages.</summary>
    public const string DateOfBirthColumn = "Date of Birth";

    /// <summary>The longest e-mail address accepted (RFC 5321 path limit less the angle brackets).</summary>
    public const int EmailMaxLength = 254;

    /// <summary>The oldest accepted birth date is this many years before today.</summary>
    public const int MaxAgeYears = 120;

    private const int EmailLocalMaxLength = 64;
    private const int DomainLabelMaxLength = 63;
    private const string EmailExpected = "Email must be an address like name@example.org";
    private const string PhoneExpected = "Phone Number must have 10 digits, like (727) 123-1234";
    private const string SsnFullyMasked = "***-**-****";

    private static readonly string[] MonthNames =
    [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ];

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

    /// <summary>An e-mail address (the address only, no display name), at most 254 characters; stored as typed.</summary>
    public static FieldResult Email(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > EmailMaxLength)
        {
            return FieldResult.Fail(Invariant($"Email is {value.Length} characters long; the limit is {EmailMaxLength}"));
        }

        var problem = EmailProblem(value);
        return problem is null ? FieldResult.Ok(value) : FieldResult.Fail($"{EmailExpected}; {problem}");
    }

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

    /// <summary>
    /// A Social Security number, canonical "123456789"; "123-45-6789" and "123 45 6789" are accepted.
    /// Messages never contain the number: only its mask (<see cref="MaskSsn"/>).
    /// </summary>
    public static FieldResult Ssn(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<char> d = stackalloc char[9];
        if (!TryReadSsnDigits(value, d))
        {
            var digits = CountAsciiDigits(value);
            foreach (var c in value)
            {
                if (!(char.IsAsciiDigit(c) || IsDash(c) || char.IsWhiteSpace(c)))
                {
                    return FieldResult.Fail($"SSN may contain only digits, dashes and spaces, like ###-##-#### ({SsnMaskForMessage(value)})");
                }
            }

            return digits == 9
                ? FieldResult.Fail($"SSN must be written ###-##-####, ### ## #### or ######### ({SsnMaskForMessage(value)})")
                : FieldResult.Fail(Invariant($"SSN must have 9 digits, like ###-##-####; it has {digits} ({SsnMaskForMessage(value)})"));
        }

        if (d[..3] is "000" or "666" || d[0] == '9')
        {
            return FieldResult.Fail($"SSN {SsnMaskForMessage(value)} is not valid: its first three digits cannot be 000, 666 or 900-999");
        }

        if (d.Slice(3, 2) is "00")
        {
            return FieldResult.Fail($"SSN {SsnMaskForMessage(value)} is not valid: its middle two digits cannot be 00");
        }

        if (d[5..] is "0000")
        {
            return FieldResult.Fail($"SSN {SsnMaskForMessage(value)} is not valid: its last four digits cannot be 0000");
        }

        return FieldResult.Ok(value.Length == 9 ? value : new string(d));
    }

    /// <summary>A birth date, canonical MM/DD/YYYY, not in the future and not more than 120 years before <paramref name="today"/>.</summary>
    public static FieldResult DateOfBirth(string value, DateOnly today)
    {
        var result = Date(value, DateOfBirthColumn);
        if (!result.IsValid)
        {
            return result;
        }

        var date = ParseCanonical(result.Value!);
        if (date > today)
        {
            return FieldResult.Fail($"Date of Birth cannot be in the future (today is {Format(today)})");
        }

        if (date < today.AddYears(-MaxAgeYears))
        {
            return FieldResult.Fail(Invariant($"Date of Birth is more than {MaxAgeYears} years ago; check the year (MM/DD/YYYY)"));
        }

        return result;
    }

    /// <summary>A calendar date, canonical MM/DD/YYYY; M/D/YYYY and YYYY-MM-DD are accepted. No range rule.</summary>
    public static FieldResult Date(string value, string column)
    {
        ArgumentNullException.ThrowIfNull(value);
        int year, month, day;
        bool slashes;
        if (TrySplitSlashDate(value, out var m, out var dd, out var y))
        {
            if (y.Length == 2)
            {
                return FieldResult.Fail($"{column} must have a four-digit year, like MM/DD/YYYY");
            }

            if (y.Length != 4)
            {
                return FieldResult.Fail($"{column} must be a date like MM/DD/YYYY (or YYYY-MM-DD)");
            }

            month = ParseDigits(m);
            day = ParseDigits(dd);
            year = ParseDigits(y);
            slashes = true;
        }
        else if (IsIsoDateShape(value))
        {
            year = ParseDigits(value.AsSpan(0, 4));
            month = ParseDigits(value.AsSpan(5, 2));
            day = ParseDigits(value.AsSpan(8, 2));
            slashes = false;
        }
        else if (value.Length <= 5 && AllAsciiDigits(value))
        {
            return FieldResult.Fail($"{column} must be a date like MM/DD/YYYY, not a number; a spreadsheet may have turned the date into a serial number, so format the column as a date and save again");
        }
        else
        {
            return FieldResult.Fail($"{column} must be a date like MM/DD/YYYY (or YYYY-MM-DD)");
        }

        var hint = slashes ? "; use MM/DD/YYYY, month first" : "; use MM/DD/YYYY";
        if (year == 0)
        {
            return FieldResult.Fail($"{column} is not a real date: there is no year 0000{hint}");
        }

        if (month is < 1 or > 12)
        {
            return FieldResult.Fail(Invariant($"{column} is not a real date: there is no month {month}{hint}"));
        }

        var daysInMonth = DateTime.DaysInMonth(year, month);
        if (day < 1 || day > daysInMonth)
        {
            return FieldResult.Fail(Invariant(
                $"{column} is not a real date: {MonthNames[month - 1]} {year:D4} has {daysInMonth} days{hint}"));
        }

        return FieldResult.Ok(slashes && m.Length == 2 && dd.Length == 2
            ? value
            : Format(new DateOnly(year, month, day)));
    }

    /// <summary>A two-letter USPS state, DC, territory, freely associated state or military code, canonical upper case.</summary>
    public static FieldResult State(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var code = UsStateCodes.Find(value);
        if (code is not null)
        {
            return FieldResult.Ok(code);
        }

        const string expected = "State must be a two-letter USPS state or territory code, like FL";
        var byName = UsStateCodes.FindByName(value);
        if (byName is not null)
        {
            return FieldResult.Fail($"{expected}; for {value} use {byName}");
        }

        return FieldResult.Fail(value.Length == 2 && char.IsAsciiLetter(value[0]) && char.IsAsciiLetter(value[1])
            ? $"{expected}; {value.ToUpperInvariant()} is not one"
            : expected);
    }

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

    /// <summary>
    /// "***-**-6789": the last four digits of an SSN for messages, logs and grids. The last four are shown only when
    /// the value has at least nine digits, so a short or partial number is never shown whole; otherwise "***-**-****".
    /// An empty value masks to "".
    /// </summary>
    public static string MaskSsn(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return "";
        }

        if (CountAsciiDigits(value) < 9)
        {
            return SsnFullyMasked;
        }

        Span<char> lastFour = stackalloc char[4];
        var found = 0;
        for (var i = value.Length - 1; i >= 0 && found < 4; i--)
        {
            if (char.IsAsciiDigit(value[i]))
            {
                lastFour[3 - found] = value[i];
                found++;
            }
        }

        return string.Concat("***-**-", lastFour);
    }

    /// <summary>The mask of an SSN in a message: never empty, so the message always shows where the value would be.</summary>
    private static string SsnMaskForMessage(string value) => value.Length == 0 ? SsnFullyMasked : MaskSsn(value);

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

    private static bool IsCanonicalPhone(string value) =>
        value.Length == 14 && value[0] == '(' && value[4] == ')' && value[5] == ' ' && value[9] == '-'
        && AllAsciiDigits(value.AsSpan(1, 3)) && AllAsciiDigits(value.AsSpan(6, 3)) && AllAsciiDigits(value.AsSpan(10, 4));

    /// <summary>Reads ######### or ###?##?#### (each ? a dash or white space) into <paramref name="digits"/>.</summary>
    private static bool TryReadSsnDigits(string value, Span<char> digits)
    {
        if (value.Length == 9 && AllAsciiDigits(value))
        {
            value.AsSpan().CopyTo(digits);
            return true;
        }

        if (value.Length == 11 && IsSsnSeparator(value[3]) && IsSsnSeparator(value[6])
            && AllAsciiDigits(value.AsSpan(0, 3)) && AllAsciiDigits(value.AsSpan(4, 2)) && AllAsciiDigits(value.AsSpan(7, 4)))
        {
            value.AsSpan(0, 3).CopyTo(digits);
            value.AsSpan(4, 2).CopyTo(digits[3..]);
            value.AsSpan(7, 4).CopyTo(digits[5..]);
            return true;
        }

        return false;
    }

    private static bool IsSsnSeparator(char c) => IsDash(c) || char.IsWhiteSpace(c);

    /// <summary>Splits "M/D/Y" where each part is one or more ASCII digits; month and day have one or two.</summary>
    private static bool TrySplitSlashDate(string value, out ReadOnlySpan<char> month, out ReadOnlySpan<char> day, out ReadOnlySpan<char> year)
    {
        month = day = year = default;
        var first = value.IndexOf('/');
        if (first < 0)
        {
            return false;
        }

        var second = value.IndexOf('/', first + 1);
        if (second < 0 || value.IndexOf('/', second + 1) >= 0)
        {
            return false;
        }

        month = value.AsSpan(0, first);
        day = value.AsSpan(first + 1, second - first - 1);
        year = value.AsSpan(second + 1);
        return month.Length is 1 or 2 && day.Length is 1 or 2 && !year.IsEmpty
            && AllAsciiDigits(month) && AllAsciiDigits(day) && AllAsciiDigits(year);
    }

    private static bool IsIsoDateShape(string value) =>
        value.Length == 10 && value[4] == '-' && value[7] == '-'
        && AllAsciiDigits(value.AsSpan(0, 4)) && AllAsciiDigits(value.AsSpan(5, 2)) && AllAsciiDigits(value.AsSpan(8, 2));

    /// <summary>Parses the canonical MM/DD/YYYY produced by <see cref="Date"/>.</summary>
    private static DateOnly ParseCanonical(string canonical) =>
        new(ParseDigits(canonical.AsSpan(6, 4)), ParseDigits(canonical.AsSpan(0, 2)), ParseDigits(canonical.AsSpan(3, 2)));

    private static string Format(DateOnly date) =>
        string.Create(10, date, static (text, d) =>
        {
            WriteDigits(text[..2], d.Month);
            text[2] = '/';
            WriteDigits(text.Slice(3, 2), d.Day);
            text[5] = '/';
            WriteDigits(text[6..], d.Year);
        });

    private static void WriteDigits(Span<char> destination, int number)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (number % 10));
            number /= 10;
        }
    }

    /// <summary>The value of a short run of ASCII digits (already checked).</summary>
    private static int ParseDigits(ReadOnlySpan<char> digits)
    {
        var number = 0;
        foreach (var c in digits)
        {
            number = (number * 10) + (c - '0');
        }

        return number;
    }

    private static bool AllAsciiDigits(ReadOnlySpan<char> text)
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

    private static int CountAsciiDigits(ReadOnlySpan<char> text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>"-" and the Unicode dashes a word processor substitutes for it.</summary>
    private static bool IsDash(char c) => c is '-' or (>= '\u2010' and <= '\u2014') or '\u2212';

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
