using System.Diagnostics;
using System.Globalization;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Benchmarks;

/// <summary>
/// The benchmark of issue 7: generates the files, drives the real pipeline (the app's services in process, on a real
/// SQLite file, and once through the HTTP API of the running app), measures every target and the raw floor in the
/// same run, and checks the outcome (row counts, results file) so a broken pipeline fails instead of looking fast.
/// </summary>
public sealed partial class ImportBenchmark(BenchmarkOptions options, TextWriter log)
{
    private const double StageGoalSeconds = 10;
    private const double CommitGoalSeconds = 10;
    private const double FloorRatioGoal = 2.5;
    private const long WorkingSetGoalBytes = 300L * 1024 * 1024;
    private const double RevalidateGoalMs = 20;
    private const double GridGoalMs = 100;
    private const double ViewerSlowdownGoal = 0.10;
    private const int GridPageSize = 100;
    private const string User = "benchmark";

    private readonly BenchmarkReport _report = new();

    /// <summary>CPU time of this process (all threads): on a shared machine it says what a phase cost when wall time cannot.</summary>
    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    public async Task<BenchmarkReport> RunAsync(CancellationToken ct)
    {
        var work = options.WorkFolder ?? Path.Combine(Path.GetTempPath(), "bulkimport-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        log.WriteLine($"BulkImport benchmark: {options.Rows:N0} rows, work folder {work}");
        log.WriteLine($"Machine: {BenchmarkReport.Machine()}");
        try
        {
            if (options.PostgreSql is not null)
            {
                await RunPostgreSqlAsync(work, ct);
            }
            else if (options.FixesOnly)
            {
                await RunFixesOnlyAsync(work, ct);
            }
            else if (options.SameKeyOnly)
            {
                await RunSameKeyOnlyAsync(work, ct);
            }
            else if (options.WorkbookOnly)
            {
                await RunWorkbookOnlyAsync(work, ct);
            }
            else if (options.InsertsOnly)
            {
                await RunInsertsOnlyAsync(work, ct);
            }
            else if (options.DuplicatesOnly)
            {
                await RunDuplicatesOnlyAsync(work, ct);
            }
            else if (options.ReuploadOnly)
            {
                await RunReuploadOnlyAsync(work, ct);
            }
            else if (options.UndoOnly)
            {
                await RunUndoOnlyAsync(work, ct);
            }
            else if (options.HttpOnly)
            {
                await RunHttpOnlyAsync(work, ct);
            }
            else if (!options.PaymentsOnly)
            {
                await RunInProcessAsync(work, ct);
                if (options.Http)
                {
                    await RunHttpAsync(work, ct);
                }
            }

            if (options.Payments)
            {
                await new PaymentRun(options, _report, log).RunAsync(work, ct);
            }

            // Last in the table, so the lines above keep their places.
            _beside?.Invoke();
            _report.Measurements.AddRange(_duplicates.Measurements);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (!options.Keep)
            {
                TryDelete(work);
            }
        }

        return _report;
    }

    private TimeSpan _floor;

    /// <summary>Adds the lines of the 3-row import run beside the large one, measured in the in-process run.</summary>
    private Action? _beside;

    private async Task RunInProcessAsync(string work, CancellationToken ct)
    {
        await using var app = await InProcessApp.CreateAsync(Path.Combine(work, "inprocess"), ct, rows: options.Rows);
        var lists = await app.SelectListValuesAsync(ct);

        var generating = Stopwatch.StartNew();
        var inserts = await ClientFileGenerator.WriteInsertsAsync(Path.Combine(work, "clients-insert.csv"), options.Rows, lists, ct);
        log.WriteLine($"Generated {inserts.Rows:N0} insert rows ({inserts.ErrorRows:N0} error rows, {inserts.Bytes / 1e6:F0} MB) in {generating.Elapsed.TotalSeconds:F1} s");
        _report.Notes.Add($"Insert file: {inserts.Rows:N0} rows, {inserts.ErrorRows:N0} error rows, {inserts.Bytes / 1e6:F0} MB");

        // The app process would not have generated the file: give its memory back before the import is measured.
        MemorySampler.Settle();
        var memory = MemorySampler.StartSelf();
        var machineTime = Stopwatch.StartNew();

        // 1. Upload to ReadyForReview.
        var stage = Stopwatch.StartNew();
        var cpu = Cpu();
        var staging = UploadAndStageAsync(app, inserts, Operation.Add, ct);
        var small = await SmallImportBeside.WriteFileAsync(Path.Combine(work, "clients-beside.csv"), ct);
        var smallStaged = await SmallImportBeside.RunAsync(app, ImportStatus.Validating, inserts.Rows, staging,
            async t => await UploadAndStageAsync(app, small, Operation.Add, t), ct);
        var import = await staging;
        stage.Stop();
        var stageCpu = Cpu() - cpu;
        Expect(import.TotalRows == inserts.Rows && import.ErrorRows == inserts.ErrorRows,
            $"the insert import should have {inserts.Rows} rows with {inserts.ErrorRows} errors; it has {import.TotalRows} with {import.ErrorRows}");
        log.WriteLine($"Upload -> ReadyForReview: {stage.Elapsed.TotalSeconds:F2} s, cpu {stageCpu.TotalSeconds:F2} s ({import.ValidRows:N0} valid, {import.ErrorRows:N0} errors)");
        _report.Add($"Upload → ReadyForReview ({BenchmarkReport.Count(inserts.Rows)} rows: store, read, validate, stage)",
            $"≤ {StageGoalSeconds} s", BenchmarkReport.Seconds(stage.Elapsed), stage.Elapsed.TotalSeconds <= StageGoalSeconds);

        // 2. Review: a person's time, not the machine's, so the whole-import clock pauses.
        machineTime.Stop();
        await MeasureGridAsync(app, import, [null, RowStatus.Error, RowStatus.Valid, RowStatus.Skipped], "before commit", ct);
        await MeasureRevalidationAsync(app, import.Id, validOnly: false, "", ct);
        import = await app.History.GetAsync(import.Id, ct);
        machineTime.Start();

        // 3. Commit of the inserts, with per-row results.
        var smallImport = await UploadAndStageAsync(app, small, Operation.Add, ct);
        cpu = Cpu();
        // On a thread of its own: the committer runs synchronously for long stretches, so awaited inline it would
        // finish before the 3-row import could be started beside it.
        var committing = Task.Run(() => CommitAsync(app, import.Id, viewers: 0, ct), ct);
        var smallCommitted = await SmallImportBeside.RunAsync(app, ImportStatus.Committing, import.ValidRows, committing,
            t => CommitAsync(app, smallImport.Id, viewers: 0, t), ct);
        var commit = await committing;
        _beside = () => ReportBeside(smallStaged, smallCommitted, inserts.Rows);
        var commitCpu = Cpu() - cpu;
        var committed = await app.History.GetAsync(import.Id, ct);
        Expect(committed.Status == ImportStatus.Committed && committed.Inserted == import.ValidRows && committed.Failed == 0,
            $"the insert commit should insert {import.ValidRows} rows; it is {committed.Status} with {committed.Inserted} inserted, {committed.Failed} failed");
        log.WriteLine($"Commit of {committed.Inserted:N0} inserts: {commit.TotalSeconds:F2} s, cpu {commitCpu.TotalSeconds:F2} s");
        _report.Add($"Commit of inserts ({BenchmarkReport.Count(committed.Inserted)} rows, per-row results)", $"≤ {CommitGoalSeconds} s",
            BenchmarkReport.Seconds(commit), commit.TotalSeconds <= CommitGoalSeconds);

        // 4. Results file.
        var results = Stopwatch.StartNew();
        cpu = Cpu();
        var resultsLines = await DownloadResultsAsync(app, committed, Path.Combine(work, "results-insert.csv"), ct);
        results.Stop();
        var resultsCpu = Cpu() - cpu;
        machineTime.Stop();
        memory.Stop();
        Expect(resultsLines == committed.TotalRows + 1, $"the results file should have {committed.TotalRows + 1} lines; it has {resultsLines}");
        log.WriteLine($"Results file: {results.Elapsed.TotalSeconds:F2} s, cpu {resultsCpu.TotalSeconds:F2} s; whole import {machineTime.Elapsed.TotalSeconds:F2} s; peak working set {BenchmarkReport.Megabytes(memory.PeakWorkingSet)}");

        await MeasureGridAsync(app, committed, [RowStatus.Success, RowStatus.Error], "after commit", ct);
        await MeasureGridAsync(app, await HalfErrorImport.StageAsync(app, inserts.Rows, ct), [RowStatus.Valid, RowStatus.Error], "half errors", ct);
        ReportGrid();

        // 5. The raw floor, on the same file in the same run.
        cpu = Cpu();
        var (floor, floorRows) = await RawFloor.MeasureAsync(inserts.Path, Path.Combine(work, "floor"), ct);
        var floorCpu = Cpu() - cpu;
        _floor = floor;
        Expect(floorRows == inserts.Rows, $"the raw floor read {floorRows} rows of {inserts.Rows}");
        log.WriteLine($"Raw floor (CsvHelper read + prepared inserts, one transaction): {floor.TotalSeconds:F2} s, cpu {floorCpu.TotalSeconds:F2} s");
        var ratio = machineTime.Elapsed / floor;
        _report.Add("Raw floor: read + prepared inserts of the same rows", "—", BenchmarkReport.Seconds(floor), null);
        var commitFloor = await RawFloor.MeasureCommitAsync(inserts.Path, Path.Combine(work, "floor"), app.CommitBatchSize, ct);
        log.WriteLine($"Raw floor of a commit (read + prepared insert + per-row result, app statements): {commitFloor.TotalSeconds:F2} s");
        _report.Add("Raw floor of a commit: read + prepared insert + per-row result of the same rows", "—", BenchmarkReport.Seconds(commitFloor), null);
        _report.Add("Results file download", "—", BenchmarkReport.Seconds(results.Elapsed), null);
        _report.Add("Whole import (upload, stage, commit, results) ÷ raw floor", $"≤ {FloorRatioGoal}×",
            $"{BenchmarkReport.Seconds(machineTime.Elapsed)} ÷ {BenchmarkReport.Seconds(floor)} = {ratio.ToString("F2", CultureInfo.InvariantCulture)}×", ratio <= FloorRatioGoal);
        _report.Add("Peak working set during the import (in-process host)", $"≤ {WorkingSetGoalBytes / 1024 / 1024} MB",
            $"{BenchmarkReport.Megabytes(memory.PeakWorkingSet)} (managed heap ≤ {BenchmarkReport.Megabytes(memory.PeakManagedHeap)})", memory.PeakWorkingSet <= WorkingSetGoalBytes);

        // 6. Updates by Client ID: four files with different new values, so every commit really changes every row.
        var files = new List<GeneratedFile>();
        foreach (var variant in new[] { "a", "b", "c", "d" })
        {
            files.Add(await ClientFileGenerator.WriteUpdatesAsync(Path.Combine(work, $"clients-update-{variant}.csv"), options.Rows, app.ClientIdsAsync(ct), variant, lists, ct));
        }

        var stageUpdates = Stopwatch.StartNew();
        cpu = Cpu();
        var stagingUpdates = UploadAndStageAsync(app, files[0], Operation.Update, ct);
        // The 3-row import again, now against the clients the insert import committed: its possible-duplicates check
        // must not read them all (beside the insert import it met only the reference data's clients).
        // Other people than the first 3-row file's, which the insert commit stored: the import must be ready, not held.
        var againstClients = await SmallImportBeside.WriteFileAsync(Path.Combine(work, "clients-beside-again.csv"), ct, "Later");
        var smallAgainstClients = await SmallImportBeside.RunAsync(app, ImportStatus.Validating, files[0].Rows, stagingUpdates,
            async t => Expect((await UploadAndStageAsync(app, againstClients, Operation.Add, t)).Status == ImportStatus.ReadyForReview,
                "the 3-row import against the stored clients should be ready for review"), ct);
        var updates = new List<Import> { await stagingUpdates };
        stageUpdates.Stop();
        var reportBeside = _beside;
        _beside = () =>
        {
            reportBeside?.Invoke();
            SmallImportBeside.Report(_report, log, $"3-row import: upload → ReadyForReview against {BenchmarkReport.Count(committed.Inserted)} clients " +
                $"while a {BenchmarkReport.Count(files[0].Rows)}-row import stages", smallAgainstClients);
        };
        log.WriteLine($"Upload -> ReadyForReview of updates: {stageUpdates.Elapsed.TotalSeconds:F2} s, cpu {(Cpu() - cpu).TotalSeconds:F2} s");
        Expect(updates[0].UpdateRows == files[0].Rows - files[0].ErrorRows && updates[0].ErrorRows == files[0].ErrorRows,
            $"the update import should have {files[0].Rows - files[0].ErrorRows} updates and {files[0].ErrorRows} errors; it has {updates[0].UpdateRows} and {updates[0].ErrorRows}");
        _report.Add($"Upload → ReadyForReview of the update file ({BenchmarkReport.Count(files[0].Rows)} rows by Client ID)", $"≤ {StageGoalSeconds} s",
            BenchmarkReport.Seconds(stageUpdates.Elapsed), stageUpdates.Elapsed.TotalSeconds <= StageGoalSeconds);

        // The same-key file right after the update file it is compared with, while the process is near the state the
        // insert import's working set was measured in: at the end of the run its peak also held what every phase before
        // had left (301 MB in one run, against 265 MB here in the next). Its lines go at the end of the table.
        var sameKey = new BenchmarkReport();
        await MeasureSameKeyAsync(app, work, stageUpdates.Elapsed, lists, sameKey, ct);
        await MeasurePossibleDuplicatesAsync(app, work, lists, _duplicates, ct);
        foreach (var file in files.Skip(1))
        {
            updates.Add(await UploadAndStageAsync(app, file, Operation.Update, ct));
        }

        // An edit of an update row also looks up the other rows with its Client ID (the duplicate rule): timed on the
        // last update import, on valid rows only, so what its commit must update stays as staged.
        await MeasureRevalidationAsync(app, updates[^1].Id, validOnly: true, " of the update file", ct);

        // 7. The four commits in the order unwatched, watched, watched, unwatched (ABBA), so a drift of the shared
        // machine's speed during the run weighs on both sides alike; the first is the reported update commit.
        var unwatched = TimeSpan.Zero;
        var watched = TimeSpan.Zero;
        var firstCommit = TimeSpan.Zero;
        var renders = 0;
        for (var i = 0; i < updates.Count; i++)
        {
            var withViewers = i is 1 or 2 ? options.Viewers : 0;
            var viewers = new int[1];
            cpu = Cpu();
            var elapsed = await CommitAsync(app, updates[i].Id, withViewers, ct, viewers);
            var runCpu = Cpu() - cpu;
            var done = await app.History.GetAsync(updates[i].Id, ct);
            Expect(done.Updated == updates[i].UpdateRows && done.Failed == 0,
                $"update commit {i + 1} should update {updates[i].UpdateRows} rows; it updated {done.Updated}, {done.Failed} failed");
            log.WriteLine($"Commit {i + 1} of {done.Updated:N0} updates, {withViewers} viewers: {elapsed.TotalSeconds:F2} s, cpu {runCpu.TotalSeconds:F2} s ({viewers[0]:N0} renders)");
            if (i == 0)
            {
                firstCommit = elapsed;
                _report.Add($"Commit of updates by Client ID ({BenchmarkReport.Count(done.Updated)} rows, per-row results)", $"≤ {CommitGoalSeconds} s",
                    BenchmarkReport.Seconds(elapsed), elapsed.TotalSeconds <= CommitGoalSeconds);
            }

            if (withViewers > 0)
            {
                watched += elapsed;
                renders += viewers[0];
            }
            else
            {
                unwatched += elapsed;
            }
        }

        var slowdown = (watched - unwatched) / unwatched;
        log.WriteLine($"Commits with {options.Viewers} viewers: {watched.TotalSeconds:F2} s against {unwatched.TotalSeconds:F2} s without, slowdown {slowdown:P1}");
        _report.Add($"Commit slowdown with {options.Viewers} viewers of the progress feed (two commits watched, two not)", $"≤ {ViewerSlowdownGoal:P0}",
            $"{BenchmarkReport.Seconds(watched)} vs {BenchmarkReport.Seconds(unwatched)} = {slowdown.ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture)} ({BenchmarkReport.Count(renders)} renders)",
            slowdown <= ViewerSlowdownGoal);
        _report.Measurements.AddRange(sameKey.Measurements);
        await MeasureWorkbookAsync(app, inserts, _report, ct);
        await MeasureUndoAsync(app, updates[^1].Id, firstCommit, ct);
    }

    /// <summary>The 3-row import beside the large one (issue 23): ready for review, and committed, within a second.</summary>
    private void ReportBeside((TimeSpan Elapsed, bool Beside) staged, (TimeSpan Elapsed, bool Beside) committed, int largeRows)
    {
        SmallImportBeside.Report(_report, log, $"3-row import: upload → ReadyForReview while a {BenchmarkReport.Count(largeRows)}-row import stages", staged);
        SmallImportBeside.Report(_report, log, $"3-row import: commit while a {BenchmarkReport.Count(largeRows)}-row import commits", committed);
    }

    private static async Task<Import> UploadAndStageAsync(InProcessApp app, GeneratedFile file, Operation operation, CancellationToken ct, bool checkDuplicates = true)
    {
        ImportFiles.StoredFile stored;
        await using (var upload = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous))
        {
            stored = await app.Files.StoreAsync(upload, ct);
        }

        var import = await app.Commands.CreateAsync(new NewImport(stored, Path.GetFileName(file.Path), ClientDomain.Key, operation, false, "benchmark", User, CheckDuplicates: checkDuplicates), ct);
        await app.RunStagingAsync(import.Id, ct);
        var staged = await app.History.GetAsync(import.Id, ct);
        Expect(staged.Status == ImportStatus.ReadyForReview || (checkDuplicates && staged.Status == ImportStatus.AwaitingVerification), $"import {import.Id} should be ReadyForReview; it is {staged.Status}: {string.Join(" ", staged.FileErrors)}");
        return staged;
    }

    /// <summary>
    /// A person's verification of the few possible duplicates a generated file has against the demo clients (a row with
    /// the name and birth date of one of them, SPEC 14): each is a New Person, so every valid row stays an Insert.
    /// </summary>
    private static async Task<Import> VerifyAsNewPeopleAsync(InProcessApp app, Import import, TextWriter log, CancellationToken ct)
    {
        if (import.Status != ImportStatus.AwaitingVerification)
        {
            return import;
        }

        var verification = app.Services.GetRequiredService<BulkImport.Core.Imports.Discrepancies.DiscrepancyVerification>();
        var (resolved, verified) = await verification.ResolveAllAsync(import.Id, BulkImport.Core.Imports.Discrepancies.DiscrepancyResolution.NewPerson, null, User, ct);
        log.WriteLine($"{resolved:N0} possible duplicates of demo clients verified as New Person");
        Expect(verified.Status == ImportStatus.ReadyForReview, $"import {import.Id} should be ReadyForReview once verified; it is {verified.Status}");
        return verified;
    }

    private static async Task<TimeSpan> CommitAsync(InProcessApp app, int importId, int viewers, CancellationToken ct, int[]? renders = null)
    {
        await app.Commands.QueueCommitAsync(importId, User, ct);
        await using var watching = viewers > 0 ? new ProgressViewers(app.Feed, app.History, importId, viewers) : null;
        var stopwatch = Stopwatch.StartNew();
        await app.RunCommitAsync(importId, ct);
        stopwatch.Stop();
        if (watching is not null && renders is not null)
        {
            renders[0] = watching.Renders;
            Expect(watching.Failures == 0, $"{watching.Failures} viewer renders failed; the first: {watching.FirstFailure}");
        }

        return stopwatch.Elapsed;
    }

    private static async Task<int> DownloadResultsAsync(InProcessApp app, Import import, string path, CancellationToken ct)
    {
        await using (var target = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await app.Results.WriteAsync(import, target, ct);
        }

        // Counted after the clock stops: CRLF line ends, no line breaks inside the benchmark's messages.
        var lines = 0;
        foreach (var _ in File.ReadLines(path))
        {
            lines++;
        }

        return lines;
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Benchmark check failed: " + what);
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing process; the temp folder is cleaned by the system.
        }
    }
}
