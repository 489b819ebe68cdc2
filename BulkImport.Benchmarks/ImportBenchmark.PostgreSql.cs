using System.Diagnostics;
using System.Globalization;
using BulkImport.Core.Imports;

namespace BulkImport.Benchmarks;

/// <summary>
/// <c>--engine postgres</c> (issue 23): the insert file staged, committed and its results written on PostgreSQL, and
/// PostgreSQL's floor (binary COPY of the same rows) in the same run. Targets: staging and commit ≤ 10 s each, the whole
/// import ≤ 2× its floor, the working set as on SQLite, and a 3-row import ready and committed within 1 s beside it.
/// </summary>
public sealed partial class ImportBenchmark
{
    private const double PostgreSqlFloorRatioGoal = 2;

    private async Task RunPostgreSqlAsync(string work, CancellationToken ct)
    {
        var server = options.PostgreSql ?? throw new InvalidOperationException("--engine postgres needs a server: --postgres CONNECTION or BULKIMPORT_POSTGRES.");
        await using var database = await BenchmarkDatabase.CreateAsync(server, ct);
        await using var app = await InProcessApp.CreateAsync(Path.Combine(work, "postgres"), ct, database.ConnectionString, options.Rows);
        var lists = await app.SelectListValuesAsync(ct);
        var inserts = await ClientFileGenerator.WriteInsertsAsync(Path.Combine(work, "clients-insert.csv"), options.Rows, lists, ct);
        log.WriteLine($"Generated {inserts.Rows:N0} insert rows ({inserts.ErrorRows:N0} error rows, {inserts.Bytes / 1e6:F0} MB)");
        _report.Notes.Add($"Engine: PostgreSQL ({database.Version}); insert file: {inserts.Rows:N0} rows, {inserts.ErrorRows:N0} error rows, {inserts.Bytes / 1e6:F0} MB");

        MemorySampler.Settle();
        var memory = MemorySampler.StartSelf();
        var whole = Stopwatch.StartNew();
        var cpu = Cpu();
        var stage = Stopwatch.StartNew();
        var staging = UploadAndStageAsync(app, inserts, Operation.Add, ct);
        // A 3-row import beside the large one, on PostgreSQL too (issue 23: the job pool on both engines).
        var small = await SmallImportBeside.WriteFileAsync(Path.Combine(work, "clients-beside.csv"), ct);
        var smallStaged = await SmallImportBeside.RunAsync(app, ImportStatus.Validating, inserts.Rows, staging,
            async t => await UploadAndStageAsync(app, small, Operation.Add, t), ct);
        var import = await staging;
        stage.Stop();
        import = await VerifyAsNewPeopleAsync(app, import, log, ct);
        Expect(import.TotalRows == inserts.Rows && import.ErrorRows == inserts.ErrorRows,
            $"the insert import should have {inserts.Rows} rows with {inserts.ErrorRows} errors; it has {import.TotalRows} with {import.ErrorRows}");
        log.WriteLine($"PostgreSQL: Upload -> ReadyForReview {stage.Elapsed.TotalSeconds:F2} s, app cpu {(Cpu() - cpu).TotalSeconds:F2} s");

        var smallImport = await UploadAndStageAsync(app, small, Operation.Add, ct);
        cpu = Cpu();
        // On a thread of its own, as on SQLite: awaited inline the commit would end before the 3-row one could start.
        var committing = Task.Run(() => CommitAsync(app, import.Id, viewers: 0, ct), ct);
        var smallCommitted = await SmallImportBeside.RunAsync(app, ImportStatus.Committing, import.ValidRows, committing,
            t => CommitAsync(app, smallImport.Id, viewers: 0, t), ct);
        var commit = await committing;
        var committed = await app.History.GetAsync(import.Id, ct);
        Expect(committed.Status == ImportStatus.Committed && committed.Inserted == import.ValidRows && committed.Failed == 0,
            $"the insert commit should insert {import.ValidRows} rows; it is {committed.Status} with {committed.Inserted} inserted, {committed.Failed} failed");
        log.WriteLine($"PostgreSQL: commit of {committed.Inserted:N0} inserts {commit.TotalSeconds:F2} s, app cpu {(Cpu() - cpu).TotalSeconds:F2} s");

        cpu = Cpu();
        var results = Stopwatch.StartNew();
        var resultsLines = await DownloadResultsAsync(app, committed, Path.Combine(work, "results-insert-postgres.csv"), ct);
        results.Stop();
        whole.Stop();
        log.WriteLine($"PostgreSQL: results file {results.Elapsed.TotalSeconds:F2} s, app cpu {(Cpu() - cpu).TotalSeconds:F2} s");
        memory.Stop();
        Expect(resultsLines == committed.TotalRows + 1, $"the results file should have {committed.TotalRows + 1} lines; it has {resultsLines}");

        await using var floorDatabase = await BenchmarkDatabase.CreateAsync(server, ct);
        var (floor, floorRows) = await PostgreSqlFloor.MeasureAsync(inserts.Path, floorDatabase.ConnectionString, ct);
        Expect(floorRows == inserts.Rows, $"the PostgreSQL floor read {floorRows} rows of {inserts.Rows}");
        log.WriteLine($"PostgreSQL floor (CsvHelper read + binary COPY into Clients, one transaction): {floor.TotalSeconds:F2} s; whole import {whole.Elapsed.TotalSeconds:F2} s");

        var ratio = whole.Elapsed / floor;
        _report.Add($"PostgreSQL: Upload → ReadyForReview ({BenchmarkReport.Count(inserts.Rows)} rows: store, read, validate, stage by COPY)",
            $"≤ {StageGoalSeconds} s", BenchmarkReport.Seconds(stage.Elapsed), stage.Elapsed.TotalSeconds <= StageGoalSeconds);
        _report.Add($"PostgreSQL: Commit of inserts ({BenchmarkReport.Count(committed.Inserted)} rows, per-row results)", $"≤ {CommitGoalSeconds} s",
            BenchmarkReport.Seconds(commit), commit.TotalSeconds <= CommitGoalSeconds);
        _report.Add("PostgreSQL floor: read + binary COPY of the same rows into Clients", "—", BenchmarkReport.Seconds(floor), null);
        _report.Add("PostgreSQL: whole import (upload, stage, commit, results) ÷ its floor", $"≤ {PostgreSqlFloorRatioGoal}×",
            $"{BenchmarkReport.Seconds(whole.Elapsed)} ÷ {BenchmarkReport.Seconds(floor)} = {ratio.ToString("F2", CultureInfo.InvariantCulture)}×", ratio <= PostgreSqlFloorRatioGoal);
        ReportBeside(smallStaged, smallCommitted, inserts.Rows);
        _report.Add("PostgreSQL: peak working set during the import (in-process host)", $"≤ {WorkingSetGoalBytes / 1024 / 1024} MB",
            $"{BenchmarkReport.Megabytes(memory.PeakWorkingSet)} (managed heap ≤ {BenchmarkReport.Megabytes(memory.PeakManagedHeap)})", memory.PeakWorkingSet <= WorkingSetGoalBytes);
    }
}
