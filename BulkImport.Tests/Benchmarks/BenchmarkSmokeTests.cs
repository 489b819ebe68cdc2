extern alias benchmarks;

using benchmarks::BulkImport.Benchmarks;
using Xunit.Abstractions;

namespace BulkImport.Tests.Benchmarks;

/// <summary>
/// The benchmark program (BulkImport.Benchmarks) at CI size, so it never rots: the real run, in process and through the
/// HTTP API of the app started from its build output. The benchmark checks its own outcome (row counts, results
/// lines) and throws "Benchmark check failed" when one is wrong. Timing targets are not asserted: on a small file JIT
/// and the shared CI machine dominate; the full-size numbers are in the README.
/// </summary>
[Collection(nameof(BenchmarkSmokeCollection))]
public sealed class BenchmarkSmokeTests(ITestOutputHelper output)
{
    private const int Rows = 20_000;

    /// <summary>Every line the benchmark's table has, by the start of its target text, in order.</summary>
    private static readonly string[] Targets =
    [
        "Upload → ReadyForReview (",
        "Revalidate one edited row, p95 (",
        "Commit of inserts (",
        "Review grid page (",
        "Raw floor: read + prepared inserts",
        "Raw floor of a commit: read + prepared insert + per-row result",
        "Results file download",
        "Whole import (upload, stage, commit, results) ÷ raw floor",
        "Peak working set during the import (in-process host)",
        "Upload → ReadyForReview of the update file (",
        "Revalidate one edited row of the update file, p95 (",
        "Commit of updates by Client ID (",
        "Commit slowdown with ",
        "Upload → ReadyForReview of 20,000 rows sharing one Client ID (",
        "Peak working set while staging the same-key file (in-process host)",
        "Edit of one of those rows (",
        "Review grid page of the same-key import (all rows, middle page; Error rows, first page",
        "Upload → ReadyForReview of the insert file saved as .xlsx (",
        "Peak working set while staging the .xlsx (in-process host)",
        "Undo of an update import (",
        "HTTP API: upload → ReadyForReview",
        "HTTP API: commit of inserts",
        "HTTP API: review grid page",
        "HTTP API: whole import incl. results download ÷ raw floor",
        "HTTP API: peak working set of the app process",
        "Payments: upload → ReadyForReview (",
        "Payments: commit (",
        "Payments: raw floor: read + prepared balance update and payment insert",
        "Payments: whole import (upload, stage, commit, results) ÷ raw floor",
        "Payments: peak working set during the import (in-process host)",
        "3-row import: upload → ReadyForReview while a 20,000-row import stages",
        "3-row import: commit while a 20,000-row import commits",
        "3-row import: upload → ReadyForReview against ",
        "Upload → ReadyForReview with the possible-duplicates check off (20,000 new clients against ",
        "Upload → AwaitingVerification with the check on (",
        "Peak working set while staging with the check on (in-process host)",
    ];

    [Fact]
    public async Task The_benchmark_runs_in_process_and_over_HTTP_and_reports_every_target()
    {
        // The app the HTTP run starts is found the way the console finds it: the build output of BulkImport.App for
        // this configuration (the test project references the app, so it is built).
        var appDll = HttpRun.FindAppDll();
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        appDll.Should().EndWith(Path.Combine("BulkImport.App", "bin", testBin.Parent!.Name, testBin.Name, "BulkImport.App.dll"));
        File.Exists(appDll).Should().BeTrue();

        var work = Path.Combine(Path.GetTempPath(), "bulkimport-bench-smoke-" + Guid.NewGuid().ToString("N")[..8]);
        var options = new BenchmarkOptions { Rows = Rows, WorkFolder = work, Viewers = 4, Edits = 20 };
        using var log = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        BenchmarkReport report;
        bool leftBehind;
        try
        {
            // Completing at all means every outcome check of the benchmark passed: each one throws otherwise.
            report = await new ImportBenchmark(options, TextWriter.Synchronized(log)).RunAsync(timeout.Token);
        }
        finally
        {
            output.WriteLine(log.ToString());
            leftBehind = Directory.Exists(work);
            if (leftBehind)
            {
                Directory.Delete(work, recursive: true);
            }
        }

        leftBehind.Should().BeFalse("the benchmark deletes its work folder unless --keep is given");
        output.WriteLine(report.ToMarkdown());
        report.Measurements.Select(m => m.Target).Should().HaveCount(Targets.Length);
        for (var i = 0; i < Targets.Length; i++)
        {
            report.Measurements[i].Target.Should().StartWith(Targets[i]);
            report.Measurements[i].Measured.Should().NotBeNullOrWhiteSpace();
        }

        // The table is about the rows asked for, and the HTTP run went against the app found above.
        report.Measurements[0].Target.Should().Contain("20,000 rows");
        report.Measurements[9].Target.Should().Contain("20,000 rows");
        report.Measurements[25].Target.Should().Contain("(20,000 rows against 20,000 invoices)");
        report.Measurements[12].Target.Should().StartWith("Commit slowdown with 4 viewers");
        report.Measurements[1].Target.Should().Contain("(20 edits of the 20,000-row import)");
        report.Measurements[10].Target.Should().Contain("(20 edits of the 20,000-row import)");
        report.Measurements.Select((m, i) => (m.Pass, i)).Where(m => m.Pass is null).Select(m => m.i)
            .Should().Equal([4, 5, 6, 27], "only the raw floors and the results download are for information; every other line is judged");
        var text = log.ToString();
        text.Should().Contain($"HTTP run against {appDll}");
        text.Should().Contain("  http: ");
        report.ToMarkdown().Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(Targets.Length + 2);
    }
}

/// <summary>The benchmark loads both cores and forces full collections: it runs alone, neither slowing nor slowed by other tests.</summary>
[CollectionDefinition(nameof(BenchmarkSmokeCollection), DisableParallelization = true)]
public sealed class BenchmarkSmokeCollection;
