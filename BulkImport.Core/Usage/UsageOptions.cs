using BulkImport.Core.Settings;

namespace BulkImport.Core.Usage;

/// <summary>Licensed usage limits: rows committed (inserted + updated) by the whole installation (configuration section <c>Usage</c>).</summary>
public sealed class UsageOptions : ICheckedSettings
{
    public const string Section = "Usage";

    public int RowsPerDay { get; set; } = 1_000_000;
    public int RowsPerWeek { get; set; } = 5_000_000;
    public int RowsPerMonth { get; set; } = 20_000_000;

    /// <summary>
    /// No limit may be negative (GET /api/usage showed it as allowed); 0 is a limit, as an administrator may set it
    /// (<see cref="UsageLimits.WhyInvalid"/>): no commits in that period. A daily limit above the weekly one is not
    /// refused here: the lower limit simply applies first.
    /// </summary>
    public void Check(SettingChecks checks)
    {
        var defaults = new UsageOptions();
        const string zero = "0 stops all imports for that period";
        checks.AtLeast($"{Section}:{nameof(RowsPerDay)}", RowsPerDay, 0, "rows", defaults.RowsPerDay, zero);
        checks.AtLeast($"{Section}:{nameof(RowsPerWeek)}", RowsPerWeek, 0, "rows", defaults.RowsPerWeek, zero);
        checks.AtLeast($"{Section}:{nameof(RowsPerMonth)}", RowsPerMonth, 0, "rows", defaults.RowsPerMonth, zero);
    }
}
