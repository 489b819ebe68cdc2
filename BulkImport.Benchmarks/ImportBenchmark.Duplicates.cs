using System.Diagnostics;
using System.Globalization;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Benchmarks;

/// <summary>
/// The possible-duplicates check of issue 17: on the database the insert import filled (about a million clients), a
/// file of as many new clients (one in 100 with an existing client's SSN) is staged with the check off, then on; with
/// it on it may take at most 1.5× as long.
/// </summary>
public sealed partial class ImportBenchmark
{
    private const double DuplicateCheckRatioGoal = 1.5;
    private const int SameSsnEvery = 100;

    private async Task MeasurePossibleDuplicatesAsync(InProcessApp app, string work, IReadOnlyDictionary<string, IReadOnlyList<string>> lists, CancellationToken ct)
    {
        var file = await ClientFileGenerator.WriteNewClientsAsync(Path.Combine(work, "clients-new.csv"), options.Rows, SameSsnEvery, lists, ct);
        int clients;
        await using (var db = await app.Db.CreateDbContextAsync(ct))
        {
            clients = await db.Clients.CountAsync(ct);
        }

        log.WriteLine($"Generated {file.Rows:N0} new clients ({file.ErrorRows:N0} with an existing client's SSN) against {clients:N0} clients");

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var off = Stopwatch.StartNew();
        var unchecked_ = await UploadAndStageAsync(app, file, Operation.Add, ct, checkDuplicates: false);
        off.Stop();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var memory = MemorySampler.StartSelf();
        var on = Stopwatch.StartNew();
        var checked_ = await UploadAndStageAsync(app, file, Operation.Add, ct, checkDuplicates: true);
        on.Stop();
        memory.Stop();
        Expect(unchecked_.Discrepancies == 0 && checked_.Discrepancies >= file.ErrorRows && checked_.Status == ImportStatus.AwaitingVerification,
            $"the checked import should find at least {file.ErrorRows} possible duplicates; it found {checked_.Discrepancies} ({checked_.Status})");
        var ratio = on.Elapsed.TotalSeconds / off.Elapsed.TotalSeconds;
        log.WriteLine($"Possible duplicates: staging off {off.Elapsed.TotalSeconds:F2} s, on {on.Elapsed.TotalSeconds:F2} s ({checked_.Discrepancies:N0} found), peak {BenchmarkReport.Megabytes(memory.PeakWorkingSet)}");
        var what = $"{BenchmarkReport.Count(file.Rows)} new clients against {BenchmarkReport.Count(clients)}";
        _report.Add($"Upload → ReadyForReview with the possible-duplicates check off ({what})", $"≤ {StageGoalSeconds} s",
            BenchmarkReport.Seconds(off.Elapsed), off.Elapsed.TotalSeconds <= StageGoalSeconds);
        _report.Add($"Upload → AwaitingVerification with the check on ({checked_.Discrepancies.ToString("N0", CultureInfo.InvariantCulture)} possible duplicates found; peak {BenchmarkReport.Megabytes(memory.PeakWorkingSet)})",
            $"≤ {DuplicateCheckRatioGoal}× off", $"{BenchmarkReport.Seconds(on.Elapsed)} = {ratio.ToString("F2", CultureInfo.InvariantCulture)}×", ratio <= DuplicateCheckRatioGoal);
    }
}
