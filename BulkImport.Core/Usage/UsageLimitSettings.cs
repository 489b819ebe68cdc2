using System.Globalization;
using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Core.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BulkImport.Core.Usage;

/// <summary>
/// The licensed usage limits an administrator set in the app. They are stored in the database and take precedence
/// over configuration (<c>Usage:*</c>) until reset, so a change needs no restart and every instance sees it.
/// </summary>
public sealed class UsageLimitSettings(IDbContextFactory<BulkImportDbContext> dbFactory, IOptionsMonitor<UsageOptions> options, TimeProvider clock)
{
    public const string RowsPerDayKey = "Usage:RowsPerDay";
    public const string RowsPerWeekKey = "Usage:RowsPerWeek";
    public const string RowsPerMonthKey = "Usage:RowsPerMonth";

    private static readonly string[] Keys = [RowsPerDayKey, RowsPerWeekKey, RowsPerMonthKey];

    /// <summary>The limits in force: the stored override of each period, else the configured value.</summary>
    public static async Task<UsageLimits> EffectiveAsync(BulkImportDbContext db, UsageOptions configured, CancellationToken ct) =>
        (await ReadAsync(db, configured, ct)).Effective;

    public async Task<UsageLimitsView> GetAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ReadAsync(db, options.CurrentValue, ct);
    }

    /// <summary>Stores new limits for all three periods, after checking they make sense together.</summary>
    public async Task<UsageLimitsView> SetAsync(UsageLimits limits, string user, CancellationToken ct)
    {
        if (limits.WhyInvalid() is { } problem)
        {
            throw ImportProblem.BadRequest(problem);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await db.Settings.Where(s => Keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, ct);
        foreach (var (key, value) in new[] { (RowsPerDayKey, limits.RowsPerDay), (RowsPerWeekKey, limits.RowsPerWeek), (RowsPerMonthKey, limits.RowsPerMonth) })
        {
            var text = value.ToString(CultureInfo.InvariantCulture);
            if (stored.TryGetValue(key, out var setting))
            {
                setting.Value = text;
                setting.UpdatedAt = now;
                setting.UpdatedBy = user;
            }
            else
            {
                db.Settings.Add(new AppSetting { Key = key, Value = text, UpdatedAt = now, UpdatedBy = user });
            }
        }

        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            User = user,
            Action = AuditActions.UsageLimitsChanged,
            Detail = $"Rows per day {limits.RowsPerDay}, per week {limits.RowsPerWeek}, per month {limits.RowsPerMonth}",
        });
        await db.SaveChangesAsync(ct);
        return await ReadAsync(db, options.CurrentValue, ct);
    }

    /// <summary>Removes the stored limits: the configuration's values apply again.</summary>
    public async Task<UsageLimitsView> ResetAsync(string user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var removed = await db.Settings.Where(s => Keys.Contains(s.Key)).ExecuteDeleteAsync(ct);
        if (removed > 0)
        {
            db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow().UtcDateTime, User = user, Action = AuditActions.UsageLimitsReset, Detail = "Back to the configured limits" });
            await db.SaveChangesAsync(ct);
        }

        return await ReadAsync(db, options.CurrentValue, ct);
    }

    private static async Task<UsageLimitsView> ReadAsync(BulkImportDbContext db, UsageOptions configured, CancellationToken ct)
    {
        var stored = await db.Settings.AsNoTracking().Where(s => Keys.Contains(s.Key)).ToListAsync(ct);
        var configuredLimits = UsageLimits.From(configured);
        int Value(string key, int fallback) =>
            stored.FirstOrDefault(s => s.Key == key) is { } s && int.TryParse(s.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;

        var effective = new UsageLimits(
            Value(RowsPerDayKey, configured.RowsPerDay),
            Value(RowsPerWeekKey, configured.RowsPerWeek),
            Value(RowsPerMonthKey, configured.RowsPerMonth));
        var latest = stored.OrderByDescending(s => s.UpdatedAt).FirstOrDefault();
        return new UsageLimitsView(effective, configuredLimits, stored.Count > 0, latest?.UpdatedBy, latest?.UpdatedAt);
    }
}
