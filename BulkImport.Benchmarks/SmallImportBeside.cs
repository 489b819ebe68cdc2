using System.Diagnostics;
using BulkImport.Core.Imports;

namespace BulkImport.Benchmarks;

/// <summary>
/// A 3-row import run beside the large one (SPEC 22, issue 23): once the large import has done a quarter of its rows in
/// its staging or commit, the small import's step is timed. Whether the large import was still at work when the small
/// one finished is returned, so a run where it was not cannot pass for one where it was.
/// </summary>
public static class SmallImportBeside
{
    /// <summary>The goal of each of its lines (issue 23).</summary>
    public const double GoalSeconds = 1;

    /// <summary>
    /// Logs and judges one timed step of the 3-row import. Judged even when the large import ended first (a small run),
    /// and then said so, so the table never passes one for the other.
    /// </summary>
    public static void Report(BenchmarkReport report, TextWriter log, string target, (TimeSpan Elapsed, bool Beside) measured)
    {
        var note = measured.Beside ? "" : " (the large import had ended first)";
        log.WriteLine($"{target}: {measured.Elapsed.TotalSeconds:F2} s{note}");
        report.Add(target, $"≤ {GoalSeconds} s", BenchmarkReport.Seconds(measured.Elapsed) + note, measured.Elapsed.TotalSeconds <= GoalSeconds);
    }

    /// <param name="phase">The status the large import has while doing its rows (Validating or Committing).</param>
    /// <param name="large">The large import's step, already started.</param>
    /// <param name="run">The small import's step to time.</param>
    public static async Task<(TimeSpan Elapsed, bool Beside)> RunAsync(InProcessApp app, ImportStatus phase, int largeRows, Task large,
        Func<CancellationToken, Task> run, CancellationToken ct)
    {
        var quarter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The small import's own progress never reaches a quarter of the large one's rows.
        using (app.Feed.Subscribe(null, p =>
               {
                   if (p.Status == phase && p.ProcessedRows >= Math.Max(4, largeRows / 4))
                   {
                       quarter.TrySetResult();
                   }
               }))
        {
            await Task.WhenAny(quarter.Task, large).WaitAsync(ct);
        }

        var stopwatch = Stopwatch.StartNew();
        await run(ct);
        stopwatch.Stop();
        return (stopwatch.Elapsed, !large.IsCompleted);
    }

    /// <summary>A Client Add file of three valid new clients that no generated file contains (nor another surname's file).</summary>
    public static async Task<GeneratedFile> WriteFileAsync(string path, CancellationToken ct, string surname = "Beside")
    {
        var csv = "First Name,Last Name,Email,Phone Number,State,Zip\n"
            + $"Ada,{surname},ada.{surname.ToLowerInvariant()}@example.org,(727) 555-0101,FL,33755\n"
            + $"Bo,{surname},bo.{surname.ToLowerInvariant()}@example.org,(727) 555-0102,FL,33755\n"
            + $"Cy,{surname},cy.{surname.ToLowerInvariant()}@example.org,(727) 555-0103,FL,33755\n";
        await File.WriteAllTextAsync(path, csv, ct);
        return new GeneratedFile(path, 3, 0, new FileInfo(path).Length);
    }
}
