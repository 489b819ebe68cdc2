using System.Globalization;
using System.Text;

namespace BulkImport.Core.Domains.Common;

/// <summary>A calendar date, and a date of birth. Part of <see cref="FieldFormats"/>; its rules of the spec are listed there.</summary>
public static partial class FieldFormats
{
    /// <summary>The column name used in Date of Birth messages.</summary>
    public const string DateOfBirthColumn = "Date of Birth";

    /// <summary>The oldest accepted birth date is this many years before today.</summary>
    public const int MaxAgeYears = 120;

    private static readonly string[] MonthNames =
    [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ];

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
        else if (TrySplitTime(value, out var datePart, out var time, out var midnight))
        {
            // Text parses only the template's formats (BAD-INPUTS 40): a midnight time stays refused with the format's
            // message, as since the first wave (a workbook's date-time cell at midnight is written as the date by the
            // reader, which knows it is a cell); any other time is named, since it is a sign of the wrong column.
            var date = Date(datePart, column);
            return !date.IsValid ? date
                : midnight ? FieldResult.Fail($"{column} must be a date like MM/DD/YYYY (or YYYY-MM-DD)")
                : FieldResult.Fail($"{column} has a time of day ({time}); it takes a date only, like MM/DD/YYYY. Delete the time, or format the column as a date without the time in the spreadsheet");
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

    /// <summary>
    /// Splits "date time" (a space, or ISO's 'T') where the date has a date's shape and the time is H:MM, H:MM:SS or
    /// H:MM:SS.fff, 24-hour or with AM/PM (A/P), as spreadsheets write date-time cells to text.
    /// </summary>
    private static bool TrySplitTime(string value, out string date, out string time, out bool midnight)
    {
        date = time = "";
        midnight = false;
        var split = value.IndexOfAny([' ', 'T']);
        if (split < 6) // 1/1/23, the shortest date shape (refused later for its year)
        {
            return false;
        }

        date = value[..split];
        if (!TrySplitSlashDate(date, out _, out _, out _) && !IsIsoDateShape(date))
        {
            return false;
        }

        time = value[(split + 1)..].Trim();
        var text = time.AsSpan();
        var colon = text.IndexOf(':');
        if (colon is < 1 or > 2 || text.Length < colon + 3 || !AllAsciiDigits(text[..colon]) || !AllAsciiDigits(text.Slice(colon + 1, 2)))
        {
            return false;
        }

        var hours = ParseDigits(text[..colon]);
        var minutes = ParseDigits(text.Slice(colon + 1, 2));
        if (minutes > 59)
        {
            return false;
        }

        var zero = minutes == 0;
        var rest = text[(colon + 3)..];
        if (rest.Length >= 3 && rest[0] == ':' && AllAsciiDigits(rest.Slice(1, 2)) && ParseDigits(rest.Slice(1, 2)) < 60)
        {
            zero &= ParseDigits(rest.Slice(1, 2)) == 0;
            rest = rest[3..];
            if (rest.Length >= 2 && rest[0] == '.' && AllAsciiDigits(rest[1..].TrimEnd(" AaPpMm")))
            {
                var fraction = rest[1..].TrimEnd(" AaPpMm");
                zero &= fraction.Trim('0').IsEmpty;
                rest = rest[(1 + fraction.Length)..];
            }
        }

        var meridiem = rest.TrimStart(' ');
        var am = meridiem.Equals("AM", StringComparison.OrdinalIgnoreCase) || meridiem.Equals("A", StringComparison.OrdinalIgnoreCase);
        var pm = meridiem.Equals("PM", StringComparison.OrdinalIgnoreCase) || meridiem.Equals("P", StringComparison.OrdinalIgnoreCase);
        if (!meridiem.IsEmpty && !am && !pm)
        {
            return false;
        }

        if (am || pm ? hours is < 1 or > 12 : hours > 23)
        {
            return false;
        }

        midnight = zero && (am ? hours == 12 : !pm && hours == 0);
        return true;
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
}
