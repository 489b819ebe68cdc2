using System.Diagnostics;
using System.Globalization;
using BulkImport.Core.Imports;

namespace BulkImport.Benchmarks;

/// <summary>
/// The same file uploaded twice (--reupload-only), a mistake any organisation makes: the insert file staged and
/// committed, then staged again with the possible-duplicates check on, so every valid row is a possible duplicate of
/// the client it made. Its staging against the first one's, and the working set while it stages.
/// </summary>
public sealed partial class ImportBenchmark
{
    private async Task RunReuploadOnlyAsync(string work, CancellationToken ct)
    {
        await using var app = await InProcessApp.CreateAsync(Path.Combine(work, "inprocess"), ct);
        var lists = await app.SelectListValuesAsync(ct);
        var inserts = await ClientFileGenerator.WriteInsertsAsync(Path.Combine(work, "clients-insert.csv"), options.Rows, lists, ct);
        MemorySampler.Settle();
        var first = Stopwatch.StartNew();
        var import = await UploadAndStageAsync(app, inserts, Operation.Add, ct, checkDuplicates: true);
        first.Stop();
        await CommitAsync(app, import.Id, viewers: 0, ct);

        MemorySampler.Settle();
        using var memory = MemorySampler.StartSelf();
        var again = Stopwatch.StartNew();
        var cpu = Cpu();
        var reuploaded = await UploadAndStageAsync(app, inserts, Operation.Add, ct, checkDuplicates: true);
        again.Stop();
        memory.Stop();
        log.WriteLine($"The insert file again: {again.Elapsed.TotalSeconds:F2} s, cpu {(Cpu() - cpu).TotalSeconds:F2} s (first staging {first.Elapsed.TotalSeconds:F2} s), "
            + $"{reuploaded.Discrepancies:N0} possible duplicates, {reuploaded.Status}; peak working set {BenchmarkReport.Megabytes(memory.PeakWorkingSet)} (managed heap ≤ {BenchmarkReport.Megabytes(memory.PeakManagedHeap)})");
        var ratio = again.Elapsed / first.Elapsed;
        _report.Add($"Upload → AwaitingVerification of the insert file again, once committed ({reuploaded.Discrepancies.ToString("N0", CultureInfo.InvariantCulture)} possible duplicates)",
            "—", $"{BenchmarkReport.Seconds(again.Elapsed)} = {ratio.ToString("F2", CultureInfo.InvariantCulture)}× its first staging", null);
        _report.Add("Peak working set while staging the insert file again (in-process host)", $"≤ {WorkingSetGoalBytes / 1024 / 1024} MB",
            $"{BenchmarkReport.Megabytes(memory.PeakWorkingSet)} (managed heap ≤ {BenchmarkReport.Megabytes(memory.PeakManagedHeap)})", memory.PeakWorkingSet <= WorkingSetGoalBytes);
    }
}
