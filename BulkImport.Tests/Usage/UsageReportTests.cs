using BulkImport.Core.Usage;

namespace BulkImport.Tests.Usage;

/// <summary>Whether rows fit the limits: reaching a limit exactly is allowed, one row more is not, and the message says by how much.</summary>
public sealed class UsageReportTests
{
    private static UsageReport Report(long dayUsed = 0, long dayAllowed = 1000, long weekUsed = 0, long weekAllowed = 1000, long monthUsed = 0, long monthAllowed = 1000) => new(
        new UsagePeriod("Today", dayUsed, dayAllowed),
        new UsagePeriod("This Week", weekUsed, weekAllowed),
        new UsagePeriod("This Month", monthUsed, monthAllowed));

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    public void Rows_that_reach_no_further_than_every_limit_are_allowed(long rows)
    {
        Report(dayUsed: 5, dayAllowed: 15).WhyNotAllowed(rows).Should().BeNull();
        Report(weekUsed: 5, weekAllowed: 15).WhyNotAllowed(rows).Should().BeNull();
        Report(monthUsed: 5, monthAllowed: 15).WhyNotAllowed(rows).Should().BeNull();
    }

    [Fact]
    public void One_row_over_the_daily_limit_is_refused_saying_by_how_much() =>
        Report(dayUsed: 5, dayAllowed: 15).WhyNotAllowed(11).Should().Be(
            "This import would pass the daily limit of 15 rows by 1 row (5 already used today, 11 to import). " +
            "Import fewer rows (skip some, or split the file) or wait until the limit resets.");

    [Fact]
    public void One_row_over_the_weekly_limit_is_refused_naming_the_weekly_limit() =>
        Report(weekUsed: 5, weekAllowed: 15).WhyNotAllowed(11).Should().StartWith("This import would pass the weekly limit of 15 rows by 1 row (5 already used this week");

    [Fact]
    public void Rows_over_the_monthly_limit_are_refused_naming_the_monthly_limit() =>
        Report(monthUsed: 5, monthAllowed: 15).WhyNotAllowed(20).Should().StartWith("This import would pass the monthly limit of 15 rows by 10 rows (5 already used this month");
}
