namespace BulkImport.Core.Usage;

/// <summary>Rows that may be committed per day, week and month.</summary>
public sealed record UsageLimits(int RowsPerDay, int RowsPerWeek, int RowsPerMonth)
{
    public static UsageLimits From(UsageOptions options) => new(options.RowsPerDay, options.RowsPerWeek, options.RowsPerMonth);

    /// <summary>Why these limits cannot be used, or null when they can: none negative, and a day allows no more than a week, a week no more than a month.</summary>
    public string? WhyInvalid()
    {
        if (RowsPerDay < 0 || RowsPerWeek < 0 || RowsPerMonth < 0)
        {
            return "A usage limit cannot be negative. Use 0 to stop all imports for that period.";
        }

        if (RowsPerDay > RowsPerWeek)
        {
            return $"The daily limit ({RowsPerDay:N0}) cannot be higher than the weekly limit ({RowsPerWeek:N0}). Lower the daily limit or raise the weekly one.";
        }

        return RowsPerWeek > RowsPerMonth
            ? $"The weekly limit ({RowsPerWeek:N0}) cannot be higher than the monthly limit ({RowsPerMonth:N0}). Lower the weekly limit or raise the monthly one."
            : null;
    }
}
