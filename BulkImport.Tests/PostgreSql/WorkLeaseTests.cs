using BulkImport.Core.Data;
using BulkImport.Core.Jobs;
using BulkImport.Core.Telemetry;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BulkImport.Tests.PostgreSql;

/// <summary>
/// The leases of background work on PostgreSQL (SPEC 22): held while renewed, lapsing on the database server's clock
/// when not, taken over then, and the old holder stopped (at its next heartbeat, and at once by its next batch).
/// </summary>
[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class WorkLeaseTests
{
    [Fact]
    public async Task A_lease_holds_while_renewed_lapses_on_the_database_clock_and_its_old_holder_stops()
    {
        // Instance A's clock is an hour behind the server's and B's (its leases must not care); its heartbeat beats every
        // second, so a lease of 6 s leaves it five beats: a machine busy with the whole suite once held one back over 2 s.
        await using var app = new TestApp(new() { ["Jobs:LeaseSeconds"] = "6", ["Jobs:HeartbeatSeconds"] = "1" },
            services: s => s.AddSingleton<TimeProvider>(new FixedClock(DateTimeOffset.UtcNow.AddHours(-1))), engine: TestEngine.PostgreSql);
        var a = app.Services.GetRequiredService<WorkLeases>();
        // Instance B: another holder on the same database, whose heartbeat is run by the test only.
        var b = new WorkLeases(app.Services.GetRequiredService<IDbContextFactory<BulkImportDbContext>>(),
            app.Services.GetRequiredService<IOptionsMonitor<JobOptions>>(), app.Services.GetRequiredService<ImportTelemetry>(), NullLogger<WorkLeases>.Instance);

        var aCommit = await a.TryClaimAsync("Commit", 4242, default);
        aCommit.Should().NotBeNull();
        (await a.TryClaimAsync("Commit", 4242, default)).Should().BeNull("it runs here already");
        var start = ServerNow(app);
        while (ServerNow(app) < start.AddSeconds(13))
        {
            // More than two lease lengths on the server's clock: A's heartbeat keeps it A's.
            (await b.TryClaimAsync("Commit", 4242, default)).Should().BeNull("A holds the lease and renews it");
            await Task.Delay(20);
        }

        aCommit!.Lost.IsCancellationRequested.Should().BeFalse();
        await aCommit.DisposeAsync();
        var bCommit = await b.TryClaimAsync("Commit", 4242, default);
        bCommit.Should().NotBeNull("a lease given back is free at once");
        bCommit!.TakenOver.Should().BeFalse();
        var bUndo = await b.TryClaimAsync("Undo", 4242, default);
        var claimedAt = ServerNow(app);

        // B does not renew: six seconds later on the server's clock A may take the commit over, not before.
        WorkLease? taken = null;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((taken = await a.TryClaimAsync("Commit", 4242, default)) is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        taken.Should().NotBeNull("a lapsed lease is taken over");
        taken!.TakenOver.Should().BeTrue();
        (ServerNow(app) - claimedAt).Should().BeGreaterThan(TimeSpan.FromSeconds(5.5));

        // B's heartbeat tells it the commit's lease is gone; nobody took its other lease, which it keeps.
        await b.RenewAsync(default);
        bCommit.Lost.IsCancellationRequested.Should().BeTrue("B stops the commit A took over");
        bUndo!.Lost.IsCancellationRequested.Should().BeFalse("nobody took B's other lease, lapsed or not: B's heartbeat keeps it");
        b.Held.Should().BeEquivalentTo([("Undo", 4242)]);

        // A batch of B's under each lease: the one still B's goes on, the one taken over is refused in its transaction.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<BulkImportDbContext>>().CreateDbContextAsync())
        {
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync();
            WorkLease.Current = bUndo;
            await WorkLease.ConfirmHeldAsync(connection, transaction, default);
            WorkLease.Current = bCommit;
            var batch = () => WorkLease.ConfirmHeldAsync(connection, transaction, default);
            await batch.Should().ThrowAsync<WorkLeaseLostException>();
            WorkLease.Current = null;
        }

    }

    private static DateTime ServerNow(TestApp app)
    {
        using var db = app.CreateDbContext();
        return db.Database.SqlQueryRaw<DateTime>("""SELECT now() AS "Value" """).AsEnumerable().Single();
    }
}
