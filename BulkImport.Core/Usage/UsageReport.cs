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

    /// <summary>Why <paramref name="rows"/> more rows would pass a limit, or null when they fit (reaching a limit exactly is allowed).</summary>
    public string? WhyNotAllowed(long rows)
    {
        foreach (var period in Periods)
        {
            var over = period.Used + rows - period.Allowed;
            if (over > 0)
            {
                return $"This import would pass the {LimitName(period)} limit of {Rows(period.Allowed)} by {Rows(over)} " +
                       $"({period.Used:N0} already used {period.Period.ToLowerInvariant()}, {rows:N0} to import). " +
                       "Import fewer rows (skip some, or split the file) or wait until the limit resets.";
            }
        }

        return null;
    }

    private static string LimitName(UsagePeriod period) => period.Period switch
    {
        "Today" => "daily",
        "This Week" => "weekly",
        "This Month" => "monthly",
        _ => period.Period.ToLowerInvariant(),
    };

    private static string Rows(long count) => count == 1 ? "1 row" : $"{count:N0} rows";
}
