using System.Globalization;
using System.Text;

namespace BulkImport.Core.Workbooks;

/// <summary>
/// A cell's number format, reduced to what decides the text a person sees (SPEC 17): a date or time, a pattern of
/// digit placeholders and literals (zero-padded IDs and zips, SSN and phone formats), or the number as it is.
/// Thousands separators and exponents are never produced: a value is written as an import reads it.
/// </summary>
internal sealed class NumberFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>General: the number without exponent or thousands separators.</summary>
    public static readonly NumberFormat General = new(NumberFormatKind.General, []);

    private readonly NumberFormatSection[] sections;

    /// <summary>A duration format ([h]:mm:ss): the hours are counted on past 24.</summary>
    private bool IsElapsed { get; init; }

    private NumberFormat(NumberFormatKind kind, NumberFormatSection[] sections)
    {
        Kind = kind;
        this.sections = sections;
    }

    public NumberFormatKind Kind { get; }

    /// <summary>Excel's built-in formats (ECMA-376 part 1, 18.8.30) that are not General; the others have their code in the styles part.</summary>
    public static string? BuiltInCode(int id) => id switch
    {
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        14 => "mm-dd-yy",
        15 => "d-mmm-yy",
        16 => "d-mmm",
        17 => "mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 => "h:mm",
        21 => "h:mm:ss",
        22 => "m/d/yy h:mm",
        37 => "#,##0 ;(#,##0)",
        38 => "#,##0 ;[Red](#,##0)",
        39 => "#,##0.00;(#,##0.00)",
        40 => "#,##0.00;[Red](#,##0.00)",
        45 => "mm:ss",
        46 => "[h]:mm:ss",
        47 => "mmss.0",
        48 => "##0.0E+0",
        49 => "@",
        // Locale-dependent date formats of East Asian Excel versions; all dates.
        >= 27 and <= 36 or >= 50 and <= 58 => "yyyy-mm-dd",
        _ => null,
    };

    public static NumberFormat Parse(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Equals("General", StringComparison.OrdinalIgnoreCase))
        {
            return General;
        }

        if (code.Trim() == "@")
        {
            return new NumberFormat(NumberFormatKind.Text, []);
        }

        var parts = SplitSections(code).Select(NumberFormatSection.Parse).ToArray();
        var first = parts[0];
        if (first.HasDate || first.HasTime)
        {
            var kind = first.HasDate && first.HasTime ? NumberFormatKind.DateTime : first.HasDate ? NumberFormatKind.Date : NumberFormatKind.Time;
            return new NumberFormat(kind, parts) { IsElapsed = kind == NumberFormatKind.Time && first.Elapsed };
        }

        return parts.Any(p => p.NetPattern is not null) ? new NumberFormat(NumberFormatKind.Pattern, parts) : General;
    }

    /// <summary>The text a person sees for a number stored in a cell of this format (dates as MM/DD/YYYY).</summary>
    public string Format(double value, bool date1904)
    {
        switch (Kind)
        {
            case NumberFormatKind.Date:
            case NumberFormatKind.DateTime:
            case NumberFormatKind.Time:
                if (Kind == NumberFormatKind.Time && IsElapsed)
                {
                    return FormatElapsed(value);
                }

                if (Kind != NumberFormatKind.Time && DayThatNeverWas(value, date1904) is { } shown)
                {
                    return shown;
                }

                return ToDateTime(value, date1904) is { } moment ? Show(moment) : PlainNumber(value);
            case NumberFormatKind.Pattern:
                return FormatPattern(value);
            default:
                return PlainNumber(value);
        }
    }

    /// <summary>A moment as this date, date-time or time format shows it (dates as MM/DD/YYYY).</summary>
    public string Show(DateTime moment) =>
        // A time is never a date: a time format shows the time of day, whatever the serial's day part.
        Kind == NumberFormatKind.Time ? moment.ToString("HH:mm:ss", Invariant)
        : Kind == NumberFormatKind.DateTime && moment.TimeOfDay != TimeSpan.Zero ? moment.ToString("MM/dd/yyyy HH:mm:ss", Invariant)
        : moment.ToString("MM/dd/yyyy", Invariant);

    /// <summary>Whether this is a duration format ([h]:mm:ss), which shows a serial as hours, not as a time of day.</summary>
    public bool IsDuration => Kind == NumberFormatKind.Time && IsElapsed;

    /// <summary>
    /// The two days Excel shows in its 1900 system that never were: serial 0 is "1/0/1900" (what a date formula shows
    /// for an empty cell) and serial 60 is 02/29/1900 (Lotus 1-2-3's leap-year mistake, which Excel keeps). Read as Excel
    /// shows them, so the date check refuses them as it would the same text typed; null for every other serial.
    /// </summary>
    private static string? DayThatNeverWas(double serial, bool date1904) =>
        date1904 || double.IsNaN(serial) ? null
        : Math.Floor(serial) switch
        {
            0 => "01/00/1900",
            60 => "02/29/1900",
            _ => null,
        };

    /// <summary>
    /// <see cref="Format"/> written as UTF-8 without a string, for what a large sheet is made of: whole numbers shown as
    /// they are, and dates. False (nothing written) for the rest, which <see cref="Format"/> gives.
    /// </summary>
    public bool TryFormatUtf8(double value, bool date1904, Span<byte> destination, out int written)
    {
        switch (Kind)
        {
            case NumberFormatKind.General or NumberFormatKind.Text when Math.Abs(value) < 1e15 && value == Math.Floor(value):
                return ((long)value).TryFormat(destination, out written, default, Invariant);
            case NumberFormatKind.Date or NumberFormatKind.DateTime when DayThatNeverWas(value, date1904) is null && ToDateTime(value, date1904) is { } moment && (Kind == NumberFormatKind.Date || moment.TimeOfDay == TimeSpan.Zero):
                return moment.TryFormat(destination, out written, "MM/dd/yyyy", Invariant);
            default:
                written = 0;
                return false;
        }
    }

    /// <summary>A duration as [h]:mm:ss shows it (hours past 24, a minus sign when negative), to the second.</summary>
    private static string FormatElapsed(double days)
    {
        if (double.IsNaN(days) || Math.Abs(days) > 1e8)
        {
            return PlainNumber(days);
        }

        var seconds = (long)Math.Round(Math.Abs(days) * 86_400, MidpointRounding.AwayFromZero);
        var text = string.Create(Invariant, $"{seconds / 3600:00}:{seconds / 60 % 60:00}:{seconds % 60:00}");
        return days < 0 && seconds > 0 ? "-" + text : text;
    }

    /// <summary>
    /// A date serial as a moment: Excel's 1900 system (serial 1 = 01/01/1900, 59 = 02/28/1900, 61 = 03/01/1900: 60 is
    /// the 02/29/1900 that never was) or the 1904 system. Serials below 1 are times of day (on 12/30/1899).
    /// </summary>
    public static DateTime? ToDateTime(double serial, bool date1904)
    {
        if (double.IsNaN(serial) || serial < 0 || serial > 2_958_465)
        {
            return null;
        }

        // OLE Automation dates count from 12/30/1899, which makes them equal to Excel's serials from 03/01/1900 on and
        // one day behind them before (Excel counts 02/29/1900).
        var days = date1904 ? serial + 1462 : serial is >= 1 and < 60 ? serial + 1 : serial;
        try
        {
            var moment = DateTime.FromOADate(days);
            // To the second, as Excel rounds what it shows (a serial of 0.99999999 is not 23:59:59.9).
            var seconds = (moment.Ticks + (TimeSpan.TicksPerSecond / 2)) / TimeSpan.TicksPerSecond;
            return new DateTime(Math.Min(seconds * TimeSpan.TicksPerSecond, DateTime.MaxValue.Ticks), DateTimeKind.Unspecified);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// A number without exponent or thousands separators: whole numbers as digits, others rounded to the 15 significant
    /// digits Excel shows (so 0.1 + 0.2 is 0.3, as on screen).
    /// </summary>
    public static string PlainNumber(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return value.ToString(Invariant);
        }

        if (Math.Abs(value) < 1e15 && value == Math.Floor(value))
        {
            return ((long)value).ToString(Invariant);
        }

        if (Math.Abs(value) < 7.9e27 && Math.Abs(value) > 1e-27)
        {
            // The decimal constructor rounds a double to 15 significant digits, which is what Excel displays.
            return new decimal(value).ToString(Invariant);
        }

        return value.ToString("0.############################", Invariant);
    }

    private string FormatPattern(double value)
    {
        var section = Choose(value, out var absolute);
        return section?.NetPattern is { } pattern
            ? (absolute ? Math.Abs(value) : value).ToString(pattern, Invariant)
            : PlainNumber(value);
    }

    /// <summary>
    /// The section a value is shown with: by its condition when the first section has one ([&lt;=9999999] in a phone
    /// format), else positive;negative;zero. A negative value shown by its own section loses its sign (the section
    /// writes it, as parentheses for example).
    /// </summary>
    private NumberFormatSection? Choose(double value, out bool absolute)
    {
        absolute = false;
        if (sections.Length == 0)
        {
            return null;
        }

        if (sections[0].Condition is not null)
        {
            foreach (var section in sections)
            {
                if (section.Condition is null || section.Condition(value))
                {
                    return section;
                }
            }

            return sections[^1];
        }

        if (value < 0 && sections.Length > 1)
        {
            absolute = true;
            return sections[1];
        }

        return value == 0 && sections.Length > 2 ? sections[2] : sections[0];
    }

    private static List<string> SplitSections(string code)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c == '\\' && i + 1 < code.Length && !quoted)
            {
                current.Append(c).Append(code[++i]);
                continue;
            }

            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == ';' && !quoted)
            {
                result.Add(current.ToString());
                current.Clear();
                continue;
            }

            current.Append(c);
        }

        result.Add(current.ToString());
        return result;
    }
}
