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

    [Fact]
    public async Task A_lease_lost_while_the_database_did_not_answer_is_given_back_once_it_answers()
    {
        // An outside audit stopped PostgreSQL during a commit and started it again: the commit had stopped on losing its
        // lease, but the instance's heartbeat went on renewing the lease's row (it names the instance), so the import
        // stayed Committing with nothing running it and no instance could take it up, until the process ended.
        await using var app = new TestApp(new() { ["Jobs:LeaseSeconds"] = "3", ["Jobs:HeartbeatSeconds"] = "1" }, engine: TestEngine.PostgreSql);
        var a = app.Services.GetRequiredService<WorkLeases>();
        var database = new UnansweringDatabase(app.Services.GetRequiredService<IDbContextFactory<BulkImportDbContext>>());
        var b = new WorkLeases(database, app.Services.GetRequiredService<IOptionsMonitor<JobOptions>>(),
            app.Services.GetRequiredService<ImportTelemetry>(), NullLogger<WorkLeases>.Instance);

        var commit = await b.TryClaimAsync("Commit", 4343, default);
        commit.Should().NotBeNull();
        database.Down = true;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!commit!.Lost.IsCancellationRequested && DateTime.UtcNow < deadline)
        {
            await b.RenewAsync(default);
            await Task.Delay(50);
        }

        commit.Lost.IsCancellationRequested.Should().BeTrue("B could not renew the lease for a whole lease length, so its commit stopped");
        database.Down = false;
        // B's other work goes on (its outbox and watched folders claim their leases again at once), so its heartbeat renews.
        var undo = await b.TryClaimAsync("Undo", 4344, default);
        undo.Should().NotBeNull();
        await b.RenewAsync(default);

        var taken = await a.TryClaimAsync("Commit", 4343, default);
        taken.Should().NotBeNull("the work stopped on B, so its lease is free once B's heartbeat reaches the database again");
        b.Held.Should().BeEquivalentTo([("Undo", 4344)]);
        undo!.Lost.IsCancellationRequested.Should().BeFalse();
    }

    /// <summary>The database as an instance sees it while the server is stopped: every connection refused.</summary>
    private sealed class UnansweringDatabase(IDbContextFactory<BulkImportDbContext> inner) : IDbContextFactory<BulkImportDbContext>
    {
        public bool Down { get; set; }

        public BulkImportDbContext CreateDbContext() => Down ? throw Refused() : inner.CreateDbContext();

        public Task<BulkImportDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            Down ? throw Refused() : inner.CreateDbContextAsync(cancellationToken);

        private static InvalidOperationException Refused() => new("The database does not answer (connection refused).");
    }

    private static DateTime ServerNow(TestApp app)
    {
        using var db = app.CreateDbContext();
        return db.Database.SqlQueryRaw<DateTime>("""SELECT now() AS "Value" """).AsEnumerable().Single();
    }
}
