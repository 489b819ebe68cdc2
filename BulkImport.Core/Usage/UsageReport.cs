namespace BulkImport.Core.Usage;

/// <summary>Rows used and allowed in one period.</summary>
public sealed record UsagePeriod(string Period, long Used, long Allowed)
{
    public long Remaining => Math.Max(0, Allowed - Used);
}

/// <summary>Usage today, this week (Monday to Sunday) and this month.</summary>
public sealed record UsageReport(UsagePeriod Today, UsagePeriod ThisWeek, UsagePeriod ThisMonth)
{
    public IEnumerable<UsagePeriod> Periods => [Today, ThisWeek, ThisMonth];

    /// <summary>Why <paramref name="rows"/> more rows would pass a limit, or null when they fit.</summary>
    public string? WhyNotAllowed(long rows)
    {
        foreach (var period in Periods)
        {
            var over = period.Used + rows - period.Allowed;
            if (over > 0)
            {
                return $"This import would pass the {period.Period.ToLowerInvariant()} limit of {period.Allowed:N0} rows by {over:N0} rows " +
                       $"({period.Used:N0} already used, {rows:N0} to import). Import fewer rows or wait until the limit resets.";
            }
        }

        return null;
    }
}
