using System.Diagnostics;
using System.Globalization;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Imports.Undo;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BulkImport.Benchmarks;

/// <summary>
/// Issue 22's lines: what the before-images cost the update commit (at most +25 %), measured in one run against
/// commits of the same size without them, and the undo of an update import (at most the commit's time).
/// </summary>
public sealed partial class ImportBenchmark
{
    private const double BeforeImageGrowthGoal = 0.25;

    /// <summary>
    /// 8. The undo of the last update import (SPEC 21): every client it changed is restored from its before-image (no
    /// later import changed them), against <paramref name="commit"/>, that import's commit time.
    /// </summary>
    private async Task MeasureUndoAsync(InProcessApp app, int importId, TimeSpan commit, CancellationToken ct)
    {
        var undo = app.Services.GetRequiredService<UndoCommands>();
        await undo.StartAsync(importId, User, ct);
        var cpu = Cpu();
        var stopwatch = Stopwatch.StartNew();
        await app.RunUndoAsync(importId, ct);
        stopwatch.Stop();
        var done = await app.History.GetAsync(importId, ct);
        Expect(done.Status == ImportStatus.Undone && done.UndoneRows == done.Updated && done.KeptRows == 0,
            $"the undo should restore all {done.Updated} clients; it is {done.Status} with {done.UndoneRows} undone and {done.KeptRows} kept");
        log.WriteLine($"Undo of {done.UndoneRows:N0} updates: {stopwatch.Elapsed.TotalSeconds:F2} s, cpu {(Cpu() - cpu).TotalSeconds:F2} s");
        _report.Add($"Undo of an update import ({BenchmarkReport.Count(done.UndoneRows)} clients restored from before-images, per-row results)",
            $"≤ the update commit ({BenchmarkReport.Seconds(commit)})", BenchmarkReport.Seconds(stopwatch.Elapsed), stopwatch.Elapsed <= commit);
    }

    /// <summary>
    /// Only the before-image and undo lines (--undo-only): the insert file committed, then four update files that each
    /// change nearly every cell of every client (each one's values are drawn from a different seed), committed without,
    /// with, without and with before-images (Commit:KeepBeforeImages switched between commits), so both sides have an
    /// early and a late commit; then the undo of the last. Then the same four commits with files that change two cells
    /// of each client (Email and Phone Number, the others blank), the update real files mostly are.
    /// </summary>
    private async Task RunUndoOnlyAsync(string work, CancellationToken ct)
    {
        await using var app = await InProcessApp.CreateAsync(Path.Combine(work, "inprocess"), ct);
        var lists = await app.SelectListValuesAsync(ct);
        var inserts = await ClientFileGenerator.WriteInsertsAsync(Path.Combine(work, "clients-insert.csv"), options.Rows, lists, ct);
        var insert = await UploadAndStageAsync(app, inserts, Operation.Add, ct);
        await CommitAsync(app, insert.Id, viewers: 0, ct);

        var (last, lastCommit) = await MeasureBeforeImagesAsync(app, work, "every cell", ["a", "bb", "ccc", "dddd"], null, lists, ct);
        await MeasureUndoAsync(app, last, lastCommit, ct);
        await MeasureBeforeImagesAsync(app, work, "two cells", ["eeeee", "ffffff", "ggggggg", "hhhhhhhh"],
            [ClientColumns.Email, ClientColumns.PhoneNumber], lists, ct);
    }

    /// <summary>
    /// Stages four update files (<paramref name="variants"/>: the generator seeds a file's values with the ID plus the
    /// variant's length, so four lengths give four sets of values), commits them without, with, without and with
    /// before-images and reports the growth; returns the last import and its commit time.
    /// </summary>
    private async Task<(int ImportId, TimeSpan Commit)> MeasureBeforeImagesAsync(InProcessApp app, string work, string changing, string[] variants,
        IReadOnlyCollection<string>? onlyColumns, IReadOnlyDictionary<string, IReadOnlyList<string>> lists, CancellationToken ct)
    {
        var updates = new List<Import>();
        foreach (var variant in variants)
        {
            var file = await ClientFileGenerator.WriteUpdatesAsync(Path.Combine(work, $"clients-update-{variant}.csv"), options.Rows, app.ClientIdsAsync(ct), variant, lists, ct, onlyColumns);
            updates.Add(await UploadAndStageAsync(app, file, Operation.Update, ct));
        }

        var commitOptions = app.Services.GetRequiredService<IOptionsMonitor<CommitOptions>>().CurrentValue;
        TimeSpan with = TimeSpan.Zero, without = TimeSpan.Zero, withCpu = TimeSpan.Zero, withoutCpu = TimeSpan.Zero, last = TimeSpan.Zero;
        for (var i = 0; i < updates.Count; i++)
        {
            var keep = i % 2 == 1;
            commitOptions.KeepBeforeImages = keep;
            var cpu = Cpu();
            var elapsed = await CommitAsync(app, updates[i].Id, viewers: 0, ct);
            var runCpu = Cpu() - cpu;
            var done = await app.History.GetAsync(updates[i].Id, ct);
            Expect(done.Updated == updates[i].UpdateRows && done.Failed == 0,
                $"update commit {i + 1} should update {updates[i].UpdateRows} rows; it updated {done.Updated}, {done.Failed} failed");
            log.WriteLine($"Commit {i + 1} of {done.Updated:N0} updates of {changing} {(keep ? "with" : "without")} before-images: {elapsed.TotalSeconds:F2} s, cpu {runCpu.TotalSeconds:F2} s");
            if (keep)
            {
                (with, withCpu, last) = (with + elapsed, withCpu + runCpu, elapsed);
            }
            else
            {
                (without, withoutCpu) = (without + elapsed, withoutCpu + runCpu);
            }
        }

        commitOptions.KeepBeforeImages = true;
        var growth = (with - without) / without;
        var cpuGrowth = (withCpu - withoutCpu) / withoutCpu;
        log.WriteLine($"Before-images ({changing}): {with.TotalSeconds:F2} s (cpu {withCpu.TotalSeconds:F2} s) against {without.TotalSeconds:F2} s (cpu {withoutCpu.TotalSeconds:F2} s) without");
        _report.Add($"Commit of updates that change {changing} of each client, with before-images against without ({BenchmarkReport.Count(updates[0].UpdateRows)} rows by Client ID, two commits each, alternating)",
            $"≤ +{BeforeImageGrowthGoal:P0}",
            $"{BenchmarkReport.Seconds(with)} vs {BenchmarkReport.Seconds(without)} = {growth.ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture)} (cpu {cpuGrowth.ToString("+0.0%;-0.0%", CultureInfo.InvariantCulture)})",
            growth <= BeforeImageGrowthGoal);
        return (updates[^1].Id, last);
    }
}
