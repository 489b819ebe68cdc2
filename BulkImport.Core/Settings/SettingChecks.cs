using System.Globalization;

namespace BulkImport.Core.Settings;

/// <summary>
/// What is wrong with one configuration section's settings, found when the app starts (<see cref="ICheckedSettings"/>):
/// each refusal names the setting, its value, what it must be and its default. A bad value is refused rather than used,
/// because used it fails far from its cause (a limit of -1 bytes answered every upload 413, a negative usage limit was
/// shown as allowed, MaxConcurrent 0 quietly ran one job).
/// </summary>
public sealed class SettingChecks
{
    private readonly List<string> _refusals = [];

    public IReadOnlyList<string> Refusals => _refusals;

    /// <summary>Refuses a whole number below <paramref name="least"/> (0 or 1) of <paramref name="unit"/> ("bytes", "rows").</summary>
    /// <param name="meaningOfZero">What 0 means when it is allowed ("0 keeps them for ever"), said with the rule.</param>
    public void AtLeast(string setting, long value, long least, string unit, long @default, string? meaningOfZero = null)
    {
        if (value < least)
        {
            var bound = least == 1 ? "greater than 0" : $"of {least.ToString(CultureInfo.InvariantCulture)} or more";
            Refuse(setting, value.ToString(CultureInfo.InvariantCulture), $"a whole number of {unit} {bound}" + (meaningOfZero is null ? "" : $" ({meaningOfZero})"),
                @default.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Refuses a time of zero or less: a wait or an interval of 0 turns a loop into a busy one, a negative one fails it.</summary>
    public void LongerThanZero(string setting, TimeSpan value, TimeSpan @default)
    {
        if (value <= TimeSpan.Zero)
        {
            Refuse(setting, Time(value), "a time longer than 0, written hh:mm:ss (like 00:00:05)", Time(@default));
        }
    }

    /// <summary>Refuses a negative time, where 0 has a meaning of its own (<paramref name="meaningOfZero"/>).</summary>
    public void NotNegative(string setting, TimeSpan value, TimeSpan @default, string meaningOfZero)
    {
        if (value < TimeSpan.Zero)
        {
            Refuse(setting, Time(value), $"a time of 0 or longer, written hh:mm:ss ({meaningOfZero})", Time(@default));
        }
    }

    /// <summary>Refuses a value, naming the setting, what it is, what it must be and the default to fall back on.</summary>
    public void Refuse(string setting, string value, string rule, string @default) =>
        _refusals.Add($"{setting} is {value}; it must be {rule}. Correct it, or remove the setting to use the default ({@default}).");

    /// <summary>Refuses settings that are wrong only together (a heartbeat too slow for its lease), in the caller's words.</summary>
    public void Refuse(string message) => _refusals.Add(message);

    private static string Time(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
