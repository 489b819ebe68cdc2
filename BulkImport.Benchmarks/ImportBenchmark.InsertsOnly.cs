using System.Diagnostics;
using System.Globalization;
using BulkImport.Core.Imports;

namespace BulkImport.Benchmarks;

/// <summary>
/// <c>--inserts-only</c> on SQLite: the insert file staged, committed and its results written, with the raw floor of the
/// same run, and nothing else (no review, updates, workbook or payments). It is what the 10,000,000-row run of issue 23
/// measures (<c>--rows 10000000 --inserts-only --no-http --no-payments</c>): time at most 11× the 1,000,000-row run's
/// and memory within the same bound. The limits are raised to take the file (<see cref="InProcessApp.Settings"/>).
/// </summary>
public sealed partial class ImportBenchmark
{
    private async Task RunInsertsOnlyAsync(string work, CancellationToken ct)
    {
        await using var app = await InProcessApp.CreateAsync(Path.Combine(work, "inprocess"), ct, rows: options.Rows);
        var lists = await app.SelectListValuesAsync(ct);
        var inserts = await ClientFileGenerator.WriteInsertsAsync(Path.Combine(work, "clients-insert.csv"), options.Rows, lists, ct);
        log.WriteLine($"Generated {inserts.Rows:N0} insert rows ({inserts.ErrorRows:N0} error rows, {inserts.Bytes / 1e6:F0} MB)");
        _report.Notes.Add($"Engine: SQLite; insert file: {inserts.Rows:N0} rows, {inserts.ErrorRows:N0} error rows, {inserts.Bytes / 1e6:F0} MB");

        MemorySampler.Settle();
        var memory = MemorySampler.StartSelf();
        var whole = Stopwatch.StartNew();
        var cpu = Cpu();
        var stage = Stopwatch.StartNew();
        var import = await UploadAndStageAsync(app, inserts, Operation.Add, ct);
        stage.Stop();
        import = await VerifyAsNewPeopleAsync(app, import, log, ct);
        var stageCpu = Cpu() - cpu;
        Expect(import.TotalRows == inserts.Rows && import.ErrorRows == inserts.ErrorRows,
            $"the insert import should have {inserts.Rows} rows with {inserts.ErrorRows} errors; it has {import.TotalRows} with {import.ErrorRows}");
        log.WriteLine($"Upload -> ReadyForReview: {stage.Elapsed.TotalSeconds:F2} s, cpu {stageCpu.TotalSeconds:F2} s");

        cpu = Cpu();
        var commit = await CommitAsync(app, import.Id, viewers: 0, ct);
        var commitCpu = Cpu() - cpu;
        var committed = await app.History.GetAsync(import.Id, ct);
        Expect(committed.Status == ImportStatus.Committed && committed.Inserted == import.ValidRows && committed.Failed == 0,
            $"the insert commit should insert {import.ValidRows} rows; it is {committed.Status} with {committed.Inserted} inserted, {committed.Failed} failed");
        log.WriteLine($"Commit of {committed.Inserted:N0} inserts: {commit.TotalSeconds:F2} s, cpu {commitCpu.TotalSeconds:F2} s");

        cpu = Cpu();
        var results = Stopwatch.StartNew();
        var resultsLines = await DownloadResultsAsync(app, committed, Path.Combine(work, "results-insert.csv"), ct);
        results.Stop();
        whole.Stop();
        memory.Stop();
        var resultsCpu = Cpu() - cpu;
        Expect(resultsLines == committed.TotalRows + 1, $"the results file should have {committed.TotalRows + 1} lines; it has {resultsLines}");
        log.WriteLine($"Results file: {results.Elapsed.TotalSeconds:F2} s, cpu {resultsCpu.TotalSeconds:F2} s; whole import {whole.Elapsed.TotalSeconds:F2} s");

        cpu = Cpu();
        var (floor, floorRows) = await RawFloor.MeasureAsync(inserts.Path, Path.Combine(work, "floor"), ct);
        Expect(floorRows == inserts.Rows, $"the raw floor read {floorRows} rows of {inserts.Rows}");
        log.WriteLine($"Raw floor (CsvHelper read + prepared inserts, one transaction): {floor.TotalSeconds:F2} s, cpu {(Cpu() - cpu).TotalSeconds:F2} s");

        var rows = BenchmarkReport.Count(inserts.Rows);
        _report.Add($"SQLite, inserts only: Upload → ReadyForReview ({rows} rows)", "—", BenchmarkReport.Seconds(stage.Elapsed), null);
        _report.Add($"SQLite, inserts only: Commit of inserts ({BenchmarkReport.Count(committed.Inserted)} rows, per-row results)", "—", BenchmarkReport.Seconds(commit), null);
        _report.Add("SQLite, inserts only: results file", "—", BenchmarkReport.Seconds(results.Elapsed), null);
        _report.Add("SQLite, inserts only: raw floor (read + prepared inserts of the same rows)", "—", BenchmarkReport.Seconds(floor), null);
        _report.Add("SQLite, inserts only: whole import (upload, stage, commit, results) ÷ raw floor", "—",
            $"{BenchmarkReport.Seconds(whole.Elapsed)} ÷ {BenchmarkReport.Seconds(floor)} = {(whole.Elapsed / floor).ToString("F2", CultureInfo.InvariantCulture)}×", null);
        _report.Add("SQLite, inserts only: peak working set during the import (in-process host)", $"≤ {WorkingSetGoalBytes / 1024 / 1024} MB",
            $"{BenchmarkReport.Megabytes(memory.PeakWorkingSet)} (managed heap ≤ {BenchmarkReport.Megabytes(memory.PeakManagedHeap)})", memory.PeakWorkingSet <= WorkingSetGoalBytes);
    }
}
