using System.Diagnostics;
using System.Diagnostics.Metrics;
using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using BulkImport.Core.Jobs;
using BulkImport.Core.Security;
using BulkImport.Core.Telemetry;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BulkImport.Tests.Instances;

/// <summary>
/// The metrics SPEC 22 and issue 24 name, as an exporter receives them from a running app: rows per stage (validated,
/// committed), each job's duration, the queue length, and lease takeovers. The figures are checked against the work
/// done (rows committed equals the import's rows), not only that something was recorded.
/// </summary>
public sealed class ImportTelemetryTests
{
    [Fact]
    public async Task An_import_counts_its_rows_validated_and_committed_once_and_each_stage_records_its_duration()
    {
        // More than one snapshot of reading (one every 10,000 rows) and a tail after the last one: each counted once.
        const int Rows = 12_003, Invalid = 3;
        await using var app = new TestApp();
        using var metrics = new AppMetrics(app.Services.GetRequiredService<IMeterFactory>());
        var importer = await app.ApiAsync(Roles.Importer);
        var csv = CsvFiles.NewClients(Rows - Invalid, "Metered") + string.Concat(Enumerable.Repeat(",NoFirstName,,,,\n", Invalid));
        var wall = Stopwatch.StartNew();

        var import = await importer.ImportAsync(csv, operation: "Add");
        (import.TotalRows, import.ErrorRows).Should().Be((Rows, Invalid));
        await Eventually.TrueAsync(() => metrics.Of("bulkimport.job.duration", ("stage", "validation")).Count > 0, "the validation's duration is recorded when it ends");
        metrics.Sum("bulkimport.rows.validated").Should().Be(Rows, "every row of the file is validated once, error rows included");
        metrics.Of("bulkimport.rows.validated").Should().OnlyContain(m => m.Tag("stage") == "validation");

        var done = await importer.CommitAndWaitAsync(import.Id, timeoutSeconds: 120);
        done.Status.Should().Be(ImportStatus.Committed);
        await Eventually.TrueAsync(() => metrics.Of("bulkimport.job.duration", ("stage", "commit")).Count > 0, "the commit's duration is recorded when it ends");
        var elapsed = wall.Elapsed.TotalSeconds;
        metrics.Sum("bulkimport.rows.committed").Should().Be(done.ProcessedRows, "the rows the commit processed, once each")
            .And.Be(done.Inserted).And.Be(Rows - Invalid);
        metrics.Sum("bulkimport.rows.validated").Should().Be(Rows, "a commit adds nothing to the rows validated");

        var durations = metrics.Of("bulkimport.job.duration");
        durations.Select(d => (d.Tag("stage"), d.Tag("outcome"))).Should().BeEquivalentTo(
            [("validation", nameof(ImportStatus.ReadyForReview)), ("commit", nameof(ImportStatus.Committed))], "one duration per stage, with how it ended");
        durations.Should().OnlyContain(d => d.Value > 0 && d.Value < elapsed, "each stage took some of the time the test waited, not more");
    }

    [Fact]
    public async Task The_queue_length_is_the_jobs_waiting_for_a_worker_and_the_jobs_running()
    {
        // One worker: the second job waits until the first has ended.
        await using var app = new TestApp(new() { ["Jobs:MaxConcurrent"] = "1" });
        using var metrics = new AppMetrics(app.Services.GetRequiredService<IMeterFactory>());
        var pool = app.Services.GetRequiredService<JobPool>();
        metrics.Observe().Should().Contain(new Dictionary<string, double> { ["bulkimport.jobs.waiting"] = 0, ["bulkimport.jobs.running"] = 0 });

        // Two jobs that run until the test lets them end (their imports do not exist: the pool only schedules them).
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        var firstDone = pool.RunAsync(new ImportJob(900_001, JobKind.Validation, "one@example.org", false, _ => first.Task), CancellationToken.None);
        var secondDone = pool.RunAsync(new ImportJob(900_002, JobKind.Validation, "two@example.org", false, _ => second.Task), CancellationToken.None);

        await Eventually.TrueAsync(() => Queue(metrics) == (1, 1), "one job runs and one waits");
        first.SetResult();
        await firstDone;
        await Eventually.TrueAsync(() => Queue(metrics) == (0, 1), "the waiting job runs once the first has ended");
        second.SetResult();
        await secondDone;
        Queue(metrics).Should().Be((0, 0));
    }

    [Fact]
    [Trait(PostgreSqlServer.Trait, "PostgreSql")]
    public async Task A_lease_taken_over_after_it_lapsed_counts_one_takeover_of_its_kind_on_the_instance_that_took_it()
    {
        await using var app = new TestApp(new() { ["Jobs:LeaseSeconds"] = "3", ["Jobs:HeartbeatSeconds"] = "1" }, engine: TestEngine.PostgreSql);
        using var metrics = new AppMetrics(app.Services.GetRequiredService<IMeterFactory>());
        var thisInstance = app.Services.GetRequiredService<WorkLeases>();
        // Another instance on the same database, with a meter of its own, whose heartbeat never runs: its lease lapses.
        using var otherMeters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var other = new WorkLeases(app.Services.GetRequiredService<IDbContextFactory<BulkImportDbContext>>(),
            app.Services.GetRequiredService<IOptionsMonitor<JobOptions>>(), new ImportTelemetry(otherMeters.GetRequiredService<IMeterFactory>()),
            NullLogger<WorkLeases>.Instance);

        await using var lapsing = await other.TryClaimAsync(nameof(JobKind.Commit), 4343, default);
        lapsing.Should().NotBeNull();
        (await thisInstance.TryClaimAsync(nameof(JobKind.Commit), 4343, default)).Should().BeNull("the other instance holds the lease");
        metrics.Of("bulkimport.lease.takeovers").Should().BeEmpty("a claim refused is no takeover");
        await using var fresh = await thisInstance.TryClaimAsync(nameof(JobKind.Undo), 4343, default);
        fresh!.TakenOver.Should().BeFalse();

        WorkLease? taken = null;
        await Eventually.TrueAsync(async () => (taken = await thisInstance.TryClaimAsync(nameof(JobKind.Commit), 4343, default)) is not null,
            "the lapsed lease is taken over");
        await using var _ = taken;
        taken!.TakenOver.Should().BeTrue();

        var takeovers = metrics.Of("bulkimport.lease.takeovers");
        takeovers.Should().ContainSingle(m => m.Tag("kind") == nameof(JobKind.Commit), "one commit was taken over, a fresh claim counts nothing");
        takeovers.Where(m => m.Tag("kind") == nameof(JobKind.Commit)).Sum(m => m.Value).Should().Be(1);
    }

    private static (double Waiting, double Running) Queue(AppMetrics metrics)
    {
        var gauges = metrics.Observe();
        return (gauges["bulkimport.jobs.waiting"], gauges["bulkimport.jobs.running"]);
    }
}
