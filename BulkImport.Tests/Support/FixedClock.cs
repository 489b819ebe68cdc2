namespace BulkImport.Tests.Support;

/// <summary>A clock that always reads the same instant, in UTC, so day, week and month boundaries are known to the test.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
