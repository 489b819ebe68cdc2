using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BulkImport.Core.Usage;

/// <summary>
/// Counts committed rows against the licensed limits, in the server's local calendar (weeks run Monday to Sunday).
/// The limits are the configuration's unless an administrator stored others (<see cref="UsageLimitSettings"/>).
/// </summary>
public sealed class UsageService(IOptionsMonitor<UsageOptions> options, TimeProvider clock)
{
    public async Task<UsageReport> GetAsync(BulkImportDbContext db, CancellationToken ct)
    {
        var limits = await UsageLimitSettings.EffectiveAsync(db, options.CurrentValue, ct);
        var now = clock.GetLocalNow();
        var today = new DateTimeOffset(now.Date, now.Offset);
        var weekStart = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var monthStart = new DateTimeOffset(new DateTime(now.Year, now.Month, 1), now.Offset);

        return new UsageReport(
            new UsagePeriod("Today", await SumSinceAsync(db, today, ct), limits.RowsPerDay),
            new UsagePeriod("This Week", await SumSinceAsync(db, weekStart, ct), limits.RowsPerWeek),
            new UsagePeriod("This Month", await SumSinceAsync(db, monthStart, ct), limits.RowsPerMonth));
    }

    private static async Task<long> SumSinceAsync(BulkImportDbContext db, DateTimeOffset start, CancellationToken ct)
    {
        var from = start.UtcDateTime;
        return await db.UsageEntries.Where(u => u.CommittedAt >= from).SumAsync(u => (long)u.Rows, ct);
    }
}
