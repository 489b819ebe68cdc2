using System.Globalization;

namespace BulkImport.Benchmarks;

/// <summary>
/// The import through the HTTP API of the running app, a process of its own: after the in-process run, or alone
/// (<c>--http-only</c>: the insert file generated and the raw floor measured first, so the ratio line has its floor),
/// to measure the app process's own time and working set without the in-process lines before it.
/// </summary>
public sealed partial class ImportBenchmark
{
    private async Task RunHttpOnlyAsync(string work, CancellationToken ct)
    {
        IReadOnlyDictionary<string, IReadOnlyList<string>> lists;
        await using (var app = await InProcessApp.CreateAsync(Path.Combine(work, "inprocess"), ct, rows: options.Rows))
        {
            lists = await app.SelectListValuesAsync(ct);
        }

        var inserts = await ClientFileGenerator.WriteInsertsAsync(Path.Combine(work, "clients-insert.csv"), options.Rows, lists, ct);
        var (floor, floorRows) = await RawFloor.MeasureAsync(inserts.Path, Path.Combine(work, "floor"), ct);
        Expect(floorRows == inserts.Rows, $"the raw floor read {floorRows} rows of {inserts.Rows}");
        _floor = floor;
        log.WriteLine($"Raw floor (CsvHelper read + prepared inserts, one transaction): {floor.TotalSeconds:F2} s");
        _report.Add("Raw floor: read + prepared inserts of the same rows", "—", BenchmarkReport.Seconds(floor), null);
        await RunHttpAsync(work, ct);
    }

    private async Task RunHttpAsync(string work, CancellationToken ct)
    {
        var appDll = options.AppDll ?? HttpRun.FindAppDll();
        var file = Path.Combine(work, "clients-insert.csv");
        log.WriteLine($"HTTP run against {appDll}");
        var result = await HttpRun.RunAsync(appDll, file, Path.Combine(work, "http"), log, ct);
        Expect(result.TotalRows == options.Rows, $"the HTTP import should have {options.Rows} rows; it has {result.TotalRows}");
        var ratio = result.Whole / _floor;
        log.WriteLine($"HTTP: upload {result.Upload.TotalSeconds:F2} s, ready {result.UploadToReady.TotalSeconds:F2} s, commit {result.Commit.TotalSeconds:F2} s, results {result.Results.TotalSeconds:F2} s, whole {result.Whole.TotalSeconds:F2} s, peak {BenchmarkReport.Megabytes(result.PeakWorkingSet)}");
        _report.Add("HTTP API: upload → ReadyForReview", $"≤ {StageGoalSeconds} s", BenchmarkReport.Seconds(result.UploadToReady), result.UploadToReady.TotalSeconds <= StageGoalSeconds);
        _report.Add("HTTP API: commit of inserts", $"≤ {CommitGoalSeconds} s", BenchmarkReport.Seconds(result.Commit), result.Commit.TotalSeconds <= CommitGoalSeconds);
        _report.Add("HTTP API: review grid page (Error rows, page 2; median of 5 after one warm-up)", $"≤ {GridGoalMs} ms", BenchmarkReport.Millis(result.GridPage.TotalMilliseconds), result.GridPage.TotalMilliseconds <= GridGoalMs);
        _report.Add("HTTP API: whole import incl. results download ÷ raw floor", $"≤ {FloorRatioGoal}×",
            $"{BenchmarkReport.Seconds(result.Whole)} ÷ {BenchmarkReport.Seconds(_floor)} = {ratio.ToString("F2", CultureInfo.InvariantCulture)}×", ratio <= FloorRatioGoal);
        _report.Add("HTTP API: peak working set of the app process", $"≤ {WorkingSetGoalBytes / 1024 / 1024} MB", BenchmarkReport.Megabytes(result.PeakWorkingSet), result.PeakWorkingSet <= WorkingSetGoalBytes);
    }
}
