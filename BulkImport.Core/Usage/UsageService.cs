using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BulkImport.Core.Usage;

/// <summary>
/// Counts committed rows against the licensed limits, in the server's local calendar (weeks run Monday to Sunday).
/// The limits are the configuration's unless an administrator stored others (<see cref="UsageLimitSettings"/>).
/// Rows reserved by commits still running count as used in every period (<see cref="UsageReservation"/>).
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
        var reserved = await ReservedAsync(db, ct);

        return new UsageReport(
            new UsagePeriod("Today", await SumSinceAsync(db, today, ct) + reserved, limits.RowsPerDay),
            new UsagePeriod("This Week", await SumSinceAsync(db, weekStart, ct) + reserved, limits.RowsPerWeek),
            new UsagePeriod("This Month", await SumSinceAsync(db, monthStart, ct) + reserved, limits.RowsPerMonth));
    }

    /// <summary>
    /// Reserves <paramref name="rows"/> for the commit run of <paramref name="importId"/> starting now, unless they would
    /// pass a limit together with what is used and reserved: returns why not, or null when reserved. The caller runs it
    /// in the transaction that starts the commit, which holds the database's write lock from its start (SQLite's BEGIN
    /// IMMEDIATE), so two commits cannot both read the same room and both take it.
    /// </summary>
    public async Task<string?> ReserveAsync(BulkImportDbContext db, int importId, int rows, CancellationToken ct)
    {
        var overLimit = (await GetAsync(db, ct)).WhyNotAllowed(rows);
        if (overLimit is not null)
        {
            return overLimit;
        }

        // A replay's run replaces the reservation of the run before (the import was not Committing, so it counted no more).
        await db.UsageReservations.Where(r => r.ImportId == importId).ExecuteDeleteAsync(ct);
        db.UsageReservations.Add(new UsageReservation { ImportId = importId, ReservedAt = clock.GetUtcNow().UtcDateTime, Rows = rows });
        return null;
    }

    /// <summary>Releases the reservation of an ended commit run; what it used stays in the ledger.</summary>
    public static Task ReleaseAsync(BulkImportDbContext db, int importId, CancellationToken ct) =>
        db.UsageReservations.Where(r => r.ImportId == importId).ExecuteDeleteAsync(ct);

    /// <summary>What the commits running now have reserved and not yet used.</summary>
    private static async Task<long> ReservedAsync(BulkImportDbContext db, CancellationToken ct)
    {
        var reservations = await db.UsageReservations.AsNoTracking()
            .Where(r => db.Imports.Any(i => i.Id == r.ImportId && i.Status == ImportStatus.Committing))
            .ToListAsync(ct);
        long reserved = 0;
        foreach (var reservation in reservations)
        {
            var used = await db.UsageEntries.Where(u => u.CommittedAt >= reservation.ReservedAt && u.ImportId == reservation.ImportId)
                .SumAsync(u => (long)u.Rows, ct);
            reserved += Math.Max(0, reservation.Rows - used);
        }

        return reserved;
    }

    private static async Task<long> SumSinceAsync(BulkImportDbContext db, DateTimeOffset start, CancellationToken ct)
    {
        var from = start.UtcDateTime;
        return await db.UsageEntries.Where(u => u.CommittedAt >= from).SumAsync(u => (long)u.Rows, ct);
    }
}
