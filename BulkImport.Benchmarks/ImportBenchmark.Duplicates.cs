using System.Diagnostics;
using System.Globalization;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Benchmarks;

/// <summary>
/// The possible-duplicates check of issue 17: on the database the insert import filled (about a million clients), a
/// file of as many new clients (one in 100 with an existing client's SSN) is staged with the check off, then on; with
/// it on it may take at most 1.5× as long, and the process stays within the working-set bound of the insert import.
/// </summary>
public sealed partial class ImportBenchmark
{
    private const double DuplicateCheckRatioGoal = 1.5;
    private const int SameSsnEvery = 100;

    /// <summary>The possible-duplicates lines: last in the table, so the lines before them keep their places.</summary>
    private readonly BenchmarkReport _duplicates = new();

    /// <summary>
    /// Only what the possible-duplicates lines need (--duplicates-only): the insert file staged (check off: the
    /// database is empty, this is set-up) and committed, so the database holds the clients, then the measurement.
    /// </summary>
    private async Task RunDuplicatesOnlyAsync(string work, CancellationToken ct)
    {
        await using var app = await InProcessApp.CreateAsync(Path.Combine(work, "inprocess"), ct);
        var lists = await app.SelectListValuesAsync(ct);
        var inserts = await ClientFileGenerator.WriteInsertsAsync(Path.Combine(work, "clients-insert.csv"), options.Rows, lists, ct);
        var import = await UploadAndStageAsync(app, inserts, Operation.Add, ct, checkDuplicates: false);
        await CommitAsync(app, import.Id, viewers: 0, ct);
        await MeasurePossibleDuplicatesAsync(app, work, lists, _report, ct);
    }

    private async Task MeasurePossibleDuplicatesAsync(InProcessApp app, string work, IReadOnlyDictionary<string, IReadOnlyList<string>> lists, BenchmarkReport report, CancellationToken ct)
    {
        var file = await ClientFileGenerator.WriteNewClientsAsync(Path.Combine(work, "clients-new.csv"), options.Rows, SameSsnEvery, lists, ct);
        int clients;
        await using (var db = await app.Db.CreateDbContextAsync(ct))
        {
            clients = await db.Clients.CountAsync(ct);
        }

        log.WriteLine($"Generated {file.Rows:N0} new clients ({file.ErrorRows:N0} with an existing client's SSN) against {clients:N0} clients");

        // Off, then on, in the same process on the same database; each sampled alone, after a full collection.
        MemorySampler.Settle();
        using var offMemory = MemorySampler.StartSelf();
        var off = Stopwatch.StartNew();
        var offCpu = Cpu();
        var unchecked_ = await UploadAndStageAsync(app, file, Operation.Add, ct, checkDuplicates: false);
        off.Stop();
        offCpu = Cpu() - offCpu;
        offMemory.Stop();
        MemorySampler.Settle();
        using var onMemory = MemorySampler.StartSelf();
        var on = Stopwatch.StartNew();
        var onCpu = Cpu();
        var checked_ = await UploadAndStageAsync(app, file, Operation.Add, ct, checkDuplicates: true);
        on.Stop();
        onCpu = Cpu() - onCpu;
        onMemory.Stop();
        Expect(unchecked_.Discrepancies == 0 && checked_.Discrepancies >= file.ErrorRows && checked_.Status == ImportStatus.AwaitingVerification,
            $"the checked import should find at least {file.ErrorRows} possible duplicates; it found {checked_.Discrepancies} ({checked_.Status})");
        var ratio = on.Elapsed.TotalSeconds / off.Elapsed.TotalSeconds;
        log.WriteLine($"Possible duplicates: staging off {off.Elapsed.TotalSeconds:F2} s (cpu {offCpu.TotalSeconds:F2} s, peak {BenchmarkReport.Megabytes(offMemory.PeakWorkingSet)}), "
            + $"on {on.Elapsed.TotalSeconds:F2} s (cpu {onCpu.TotalSeconds:F2} s, peak {BenchmarkReport.Megabytes(onMemory.PeakWorkingSet)}), {checked_.Discrepancies:N0} found");
        var what = $"{BenchmarkReport.Count(file.Rows)} new clients against {BenchmarkReport.Count(clients)}";
        report.Add($"Upload → ReadyForReview with the possible-duplicates check off ({what})", $"≤ {StageGoalSeconds} s",
            BenchmarkReport.Seconds(off.Elapsed), off.Elapsed.TotalSeconds <= StageGoalSeconds);
        report.Add($"Upload → AwaitingVerification with the check on ({checked_.Discrepancies.ToString("N0", CultureInfo.InvariantCulture)} possible duplicates found)",
            $"≤ {DuplicateCheckRatioGoal}× off", $"{BenchmarkReport.Seconds(on.Elapsed)} = {ratio.ToString("F2", CultureInfo.InvariantCulture)}×", ratio <= DuplicateCheckRatioGoal);
        report.Add("Peak working set while staging with the check on (in-process host)", $"≤ {WorkingSetGoalBytes / 1024 / 1024} MB",
            $"{BenchmarkReport.Megabytes(onMemory.PeakWorkingSet)} (off: {BenchmarkReport.Megabytes(offMemory.PeakWorkingSet)})", onMemory.PeakWorkingSet <= WorkingSetGoalBytes);
    }
}
