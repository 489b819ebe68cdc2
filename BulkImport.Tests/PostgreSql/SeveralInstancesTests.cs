using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Imports.Undo;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.PostgreSql;

/// <summary>
/// Several app instances on one PostgreSQL database and one data folder (SPEC 22, issue 24): two real app processes on
/// two ports share the work, and when the one committing is killed (SIGKILL) the other takes the commit over once its
/// lease lapses and finishes it from the first row not committed.
/// </summary>
[Trait(PostgreSqlServer.Trait, "PostgreSql")]
public sealed class SeveralInstancesTests
{
    [Fact]
    public async Task Work_waiting_on_one_instance_is_taken_by_the_other()
    {
        // One job at a time per instance and a quick heartbeat, so what waits on A is found by B's look for unleased work.
        // Commit batches of 5 make each commit last seconds (1,000 batches): on a quiet machine A once did all four
        // files' work between two of B's heartbeats, and B found nothing waiting.
        var settings = new Dictionary<string, string>
        {
            ["Jobs:MaxConcurrent"] = "1", ["Jobs:HeartbeatSeconds"] = "1", ["Jobs:LeaseSeconds"] = "3", ["Import:CommitBatchSize"] = "5",
        };
        await using var a = new AppProcess(settings, TestEngine.PostgreSql);
        await a.StartAsync();
        await using var b = AppProcess.Beside(a, settings);
        await b.StartAsync();
        var importer = await a.ApiAsync(Roles.Importer);

        const int Files = 4, Rows = 5_000;
        var ids = new List<int>();
        for (var f = 0; f < Files; f++)
        {
            // Every upload and every confirmation goes to A only.
            var response = await importer.PostImportAsync(Encoding.UTF8.GetBytes(CsvFiles.NewClients(Rows, $"Spread{f}")), "Client", "Add");
            response.StatusCode.Should().Be(HttpStatusCode.Created);
            ids.Add((await response.Content.ReadFromJsonAsync<ImportSummary>(ApiClient.Json))!.Id);
        }

        foreach (var id in ids)
        {
            (await importer.WaitForAsync(id, s => s.Status != ImportStatus.Validating, timeoutSeconds: 180)).ValidRows.Should().Be(Rows);
        }

        foreach (var id in ids)
        {
            (await importer.Http.PostAsync($"/api/imports/{id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        }

        foreach (var id in ids)
        {
            var done = await importer.WaitForAsync(id, s => s.Status.IsFinal(), timeoutSeconds: 180);
            done.Status.Should().Be(ImportStatus.Committed);
            done.Inserted.Should().Be(Rows);
            Scalar(a, $"""SELECT COUNT(DISTINCT "RecordId") FROM "ImportRowResults" WHERE "ImportId" = {id} AND "Status" = {(int)RowStatus.Success}""").Should().Be(Rows);
        }

        Scalar(a, """SELECT COUNT(*) FROM "Clients" WHERE "FirstName" LIKE 'Spread%'""").Should().Be(Files * Rows, "every row once, whichever instance ran it");
        var onA = JobsRunBy(a, ids);
        var onB = JobsRunBy(b, ids);
        onA.Should().BeGreaterThan(0, "A ran some of the work uploaded to it");
        onB.Should().BeGreaterThan(0, "B took work that waited on A");
    }

    [Fact]
    public async Task An_instance_killed_mid_commit_has_its_commit_finished_by_the_other_exactly_once()
    {
        const int Rows = 60_000;
        // Small batches keep the commit running long enough to be killed mid-way; the leases keep their defaults (15 s, 5 s).
        var settings = new Dictionary<string, string> { ["Import:CommitBatchSize"] = "25" };
        await using var a = new AppProcess(settings, TestEngine.PostgreSql);
        await a.StartAsync();
        await using var b = AppProcess.Beside(a, settings);
        await b.StartAsync();
        var importer = await a.ApiAsync(Roles.Importer);
        var import = await importer.ImportAsync(CsvFiles.NewClients(Rows, "Takeover"), operation: "Add");
        import.ValidRows.Should().Be(Rows);

        (await importer.Http.PostAsync($"/api/imports/{import.Id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var running = await importer.WaitForAsync(import.Id, s => s.ProcessedRows > 0 || s.Status.IsFinal());
        running.Status.Should().Be(ImportStatus.Committing, "the file must be large enough to still be committing");
        var runsOn = $"Commit of import {import.Id} runs on";
        await Eventually.TrueAsync(() => a.HasLogged(runsOn) || b.HasLogged(runsOn), "one instance says it runs the commit");
        var (committing, survivor) = a.HasLogged(runsOn) ? (a, b) : (b, a);

        await committing.KillAsync();
        var sinceKill = Stopwatch.StartNew();
        await Eventually.TrueAsync(() => survivor.HasLogged($"Took over Commit of import {import.Id}"), "the other instance takes the commit over", timeoutSeconds: 60);
        var takeover = sinceKill.Elapsed;
        // SPEC 22: within 30 s of the death (a lease of 15 s plus a heartbeat of 5 s); the margin is for a loaded machine's log.
        takeover.Should().BeLessThan(TimeSpan.FromSeconds(35), "a dead instance's work is taken over within 30 s");

        var support = await survivor.ApiAsync(Roles.Support);
        var done = await support.WaitForAsync(import.Id, s => s.Status.IsFinal(), timeoutSeconds: 300);
        done.Status.Should().Be(ImportStatus.Committed, done.FailureReason);
        done.ProcessedRows.Should().Be(Rows);
        done.Inserted.Should().Be(Rows);
        Scalar(survivor, """SELECT COUNT(*) FROM "Clients" WHERE "FirstName" = 'Takeover'""").Should().Be(Rows, "no row lost or written twice");
        Scalar(survivor, $"""SELECT COUNT(*) FROM "ImportRowResults" WHERE "ImportId" = {import.Id}""").Should().Be(Rows);
        Scalar(survivor, $"""SELECT COUNT(DISTINCT "RecordId") FROM "ImportRowResults" WHERE "ImportId" = {import.Id} AND "Status" = {(int)RowStatus.Success}""").Should().Be(Rows);

        var results = (await support.ResultsAsync(import.Id)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        results.Should().HaveCount(Rows);
        results.Should().OnlyContain(line => line.Contains(",Success,Insert,"));
        Console.WriteLine($"Commit of {Rows} rows taken over {takeover.TotalSeconds:0.0} s after SIGKILL, at row {running.ProcessedRows}+");
    }

    [Fact]
    public async Task An_instance_whose_clock_is_a_minute_ahead_takes_over_no_live_lease()
    {
        // SPEC 22: clocks that differ by seconds between instances, leases still hold. B runs a minute ahead (libfaketime,
        // installed by scripts/test.sh), four times its lease: had it judged expiries by its own clock, every lease A
        // holds would look lapsed to it at its first heartbeat, and it would take A's running commit over.
        var fakeTime = Environment.GetEnvironmentVariable("BULKIMPORT_FAKETIME_LIB") ?? "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";
        File.Exists(fakeTime).Should().BeTrue($"libfaketime skews the second instance's clock: install Debian's libfaketime (scripts/test.sh does) or set BULKIMPORT_FAKETIME_LIB; {fakeTime} is missing");
        // Batches of 10 keep the commit running for several of B's heartbeats (one a second).
        const int Rows = 30_000;
        var settings = new Dictionary<string, string>
        {
            ["Import:CommitBatchSize"] = "10", ["Jobs:MaxConcurrent"] = "1", ["Jobs:HeartbeatSeconds"] = "1", ["Jobs:LeaseSeconds"] = "15",
        };
        await using var a = new AppProcess(settings, TestEngine.PostgreSql);
        await a.StartAsync();
        // The offset only: the monotonic clock the runtime's timers use keeps its pace.
        await using var b = AppProcess.Beside(a, new Dictionary<string, string>(settings)
        {
            ["LD_PRELOAD"] = fakeTime, ["FAKETIME"] = "+60s", ["FAKETIME_DONT_FAKE_MONOTONIC"] = "1",
        });
        await b.StartAsync();
        var skew = await ServerClockAsync(b) - await ServerClockAsync(a);
        skew.Should().BeCloseTo(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10), "B's clock must really be a minute ahead for this test to mean anything");

        var importer = await a.ApiAsync(Roles.Importer);
        var import = await importer.ImportAsync(CsvFiles.NewClients(Rows, "Skewed"), operation: "Add");
        var running = Stopwatch.StartNew();
        (await importer.Http.PostAsync($"/api/imports/{import.Id}/commit", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var done = await importer.WaitForAsync(import.Id, s => s.Status.IsFinal(), timeoutSeconds: 300);
        running.Stop();

        done.Status.Should().Be(ImportStatus.Committed, done.FailureReason);
        running.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(3), "the commit must outlast several of B's heartbeats");
        a.HasLogged("Took over").Should().BeFalse("no lease lapsed");
        b.HasLogged("Took over").Should().BeFalse("a clock a minute ahead must not make a live lease look lapsed");
        Scalar(a, """SELECT COUNT(*) FROM "Clients" WHERE "FirstName" = 'Skewed'""").Should().Be(Rows, "every row once");
        Scalar(a, $"""SELECT COUNT(DISTINCT "RowNumber") FROM "ImportRowResults" WHERE "ImportId" = {import.Id}""").Should().Be(Rows);
    }

    /// <summary>The instance's own clock, from the Date header it sends (Kestrel writes it from the process's time).</summary>
    private static async Task<DateTimeOffset> ServerClockAsync(AppProcess app)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        using var response = await http.GetAsync("/health/live");
        return response.Headers.Date ?? throw new InvalidOperationException($"{app.BaseUrl} sent no Date header");
    }

    [Fact]
    public async Task An_instance_killed_mid_undo_has_its_undo_finished_by_the_other_every_record_once()
    {
        const int Existing = 8_000, Added = 8_000, Rows = Existing + Added;
        // Small batches (the undo's are the commit's) keep the undo running long enough to be killed mid-way.
        var settings = new Dictionary<string, string> { ["Import:CommitBatchSize"] = "25" };
        await using var a = new AppProcess(settings, TestEngine.PostgreSql);
        await a.StartAsync();
        await using var b = AppProcess.Beside(a, settings);
        await b.StartAsync();
        var importer = await a.ApiAsync(Roles.Importer);

        // Clients an earlier import made, which the undone import updates: the undo must restore them, not delete them.
        var earlier = await importer.ImportAsync(CsvFiles.NewClients(Existing, "Earlier"), operation: "Add");
        (await importer.CommitAndWaitAsync(earlier.Id, timeoutSeconds: 300)).Inserted.Should().Be(Existing);
        var before = RecordTables.Snapshot(a.ConnectionString);
        var ids = Ids(a, """SELECT "ClientId" FROM "Clients" WHERE "FirstName" = 'Earlier' ORDER BY 1""");
        var csv = new StringBuilder("Client ID,First Name,Last Name,Email,Phone Number,City\n");
        for (var i = 0; i < Rows; i++)
        {
            // Updates and inserts interleaved, so the rows undone by each instance include both.
            csv.Append(i % 2 == 0 ? $"{ids[i / 2]},,,changed{i}@example.org,,Clearwater\n" : $",Mixed,Row{i},mixed{i}@example.org,,Largo\n");
        }

        var import = await importer.ImportAsync(csv.ToString(), operation: "AddUpdate");
        // Signed in on both before the undo starts, so nothing slows the kill once the undo runs.
        var supportOn = new Dictionary<AppProcess, ApiClient> { [a] = await a.ApiAsync(Roles.Support), [b] = await b.ApiAsync(Roles.Support) };
        import.ErrorRows.Should().Be(0);
        var committed = await importer.CommitAndWaitAsync(import.Id, timeoutSeconds: 300);
        (committed.Inserted, committed.Updated).Should().Be((Added, Existing));

        (await importer.Http.PostAsync($"/api/imports/{import.Id}/undo", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var running = await importer.WaitForAsync(import.Id, s => s.UndoneRows > 0 || s.Status != ImportStatus.Undoing);
        running.Status.Should().Be(ImportStatus.Undoing, "the import must be large enough to still be undoing");
        var runsOn = $"Undo of import {import.Id} runs on";
        await Eventually.TrueAsync(() => a.HasLogged(runsOn) || b.HasLogged(runsOn), "one instance says it runs the undo");
        var (undoing, survivor) = a.HasLogged(runsOn) ? (a, b) : (b, a);
        var support = supportOn[survivor];

        await undoing.KillAsync();
        var sinceKill = Stopwatch.StartNew();
        var atKill = await support.GetAsync(import.Id);
        await Eventually.TrueAsync(() => survivor.HasLogged($"Took over Undo of import {import.Id}"), "the other instance takes the undo over", timeoutSeconds: 60);
        var takeover = sinceKill.Elapsed;
        // SPEC 22: within 30 s of the death (a lease of 15 s plus a heartbeat of 5 s); the margin is for a loaded machine's log.
        takeover.Should().BeLessThan(TimeSpan.FromSeconds(35), "a dead instance's work is taken over within 30 s");
        atKill.Status.Should().Be(ImportStatus.Undoing);
        atKill.UndoneRows.Should().BeGreaterThan(0).And.BeLessThan(Rows, "the kill came mid-way through the undo");

        var done = await support.WaitForAsync(import.Id, s => s.Status is not ImportStatus.Undoing, timeoutSeconds: 300);
        done.Status.Should().Be(ImportStatus.Undone, done.FailureReason);
        done.UndoneRows.Should().Be(Rows);
        done.KeptRows.Should().Be(0);
        RecordTables.Snapshot(survivor.ConnectionString).Should().BeEquivalentTo(before, o => o.WithStrictOrdering(),
            "every record the import added is removed and every one it updated restored, once");
        Scalar(survivor, $"""SELECT COUNT(DISTINCT "RowNumber") FROM "ImportUndoResults" WHERE "ImportId" = {import.Id}""").Should().Be(Rows);

        var response = await support.Http.GetAsync($"/api/imports/{import.Id}/undo-results.csv");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var results = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[1..];
        results.Should().HaveCount(Rows, "one line per committed row");
        results.Should().OnlyContain(line => line.Contains(",Undone,"));
        results.Select(line => int.Parse(line[..line.IndexOf(',')], System.Globalization.CultureInfo.InvariantCulture))
            .Should().Equal(Enumerable.Range(2, Rows), "each row once, in row order (row 1 is the header)");
        Console.WriteLine($"Undo of {Rows} rows taken over {takeover.TotalSeconds:0.0} s after SIGKILL, at row {atKill.UndoneRows}");
    }

    /// <summary>
    /// How many of the imports' validation and commit jobs <paramref name="app"/> says it started under its lease. A job
    /// may start on both (the second, rung while the work waited, finds it done and ends at once); what each did is
    /// checked in the database: every row once.
    /// </summary>
    private static int JobsRunBy(AppProcess app, IEnumerable<int> ids) =>
        ids.Sum(id => (app.HasLogged($"Validation of import {id} runs on") ? 1 : 0) + (app.HasLogged($"Commit of import {id} runs on") ? 1 : 0));

    private static List<int> Ids(AppProcess app, string sql)
    {
        using var connection = app.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var ids = new List<int>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    private static long Scalar(AppProcess app, string sql)
    {
        using var connection = app.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
