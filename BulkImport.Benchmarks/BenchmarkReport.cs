using System.Globalization;
using System.Text;

namespace BulkImport.Benchmarks;

/// <summary>What the benchmark is asked to run.</summary>
public sealed record BenchmarkOptions
{
    /// <summary>Data rows of each generated file.</summary>
    public int Rows { get; init; } = 1_000_000;

    /// <summary>Where files and databases go; a new folder under the temp folder when not set.</summary>
    public string? WorkFolder { get; init; }

    /// <summary>Also run the Payment import against as many invoices as rows.</summary>
    public bool Payments { get; init; } = true;

    /// <summary>Run only the before-image and undo lines (issue 22): update commits with and without before-images, then the undo.</summary>
    public bool UndoOnly { get; init; }

    /// <summary>Run only the Payment import (its own database), for working on it.</summary>
    public bool PaymentsOnly { get; init; }

    /// <summary>Also run one import through the HTTP API of the app started as a child process.</summary>
    public bool Http { get; init; } = true;

    /// <summary>In-process viewers of the progress feed during the viewer run.</summary>
    public int Viewers { get; init; } = 20;

    /// <summary>Row edits whose revalidation is timed.</summary>
    public int Edits { get; init; } = 100;

    /// <summary>The app to start for the HTTP run; found next to this program's build output when not set.</summary>
    public string? AppDll { get; init; }

    /// <summary>Keep the work folder (files, databases) after the run.</summary>
    public bool Keep { get; init; }

    /// <summary>Run only the lines of the same-key file (and what they need: the update file's staging to compare with).</summary>
    public bool SameKeyOnly { get; init; }

    /// <summary>Run only the lines of issue 20 (problem groups, replace all) on the staged insert file.</summary>
    public bool FixesOnly { get; init; }

    /// <summary>Only the workbook lines (SPEC 17): the insert file staged as CSV and as .xlsx.</summary>
    public bool WorkbookOnly { get; init; }

    /// <summary>Only the insert file staged, committed and its results written, with the raw floor (the 10,000,000-row run on SQLite).</summary>
    public bool InsertsOnly { get; init; }

    /// <summary><c>--engine postgres</c>: the PostgreSQL lines only, on this server (a database of the run's own is made on it).</summary>
    public string? PostgreSql { get; init; }

    /// <summary>Run only what the possible-duplicates lines need (--duplicates-only): a million clients committed, then the new-clients file staged with the check off and on.</summary>
    public bool DuplicatesOnly { get; init; }

    /// <summary>Run only the same file uploaded twice (--reupload-only): the insert file committed, then staged again with every valid row a possible duplicate.</summary>
    public bool ReuploadOnly { get; init; }

    /// <summary>Run only the import through the HTTP API of the app process (--http-only), after the raw floor of the same file.</summary>
    public bool HttpOnly { get; init; }
}

/// <summary>One line of the table: a target of issue 7, its goal, what was measured, and whether it passes (null: for information).</summary>
public sealed record Measurement(string Target, string Goal, string Measured, bool? Pass);

/// <summary>Everything one run measured, with the facts that make the numbers comparable (rows, file size, machine).</summary>
public sealed class BenchmarkReport
{
    public List<Measurement> Measurements { get; } = [];

    public List<string> Notes { get; } = [];

    public bool AllPass => Measurements.All(m => m.Pass != false);

    public void Add(string target, string goal, string measured, bool? pass) => Measurements.Add(new Measurement(target, goal, measured, pass));

    /// <summary>A Markdown table, so the README can show it as printed.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| target | goal | measured | result |");
        text.AppendLine("|---|---|---|---|");
        foreach (var m in Measurements)
        {
            var result = m.Pass switch { true => "pass", false => "**FAIL**", null => "info" };
            text.AppendLine(CultureInfo.InvariantCulture, $"| {m.Target} | {m.Goal} | {m.Measured} | {result} |");
        }

        return text.ToString();
    }

    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s";

    public static string Millis(double ms) => ms.ToString("F1", CultureInfo.InvariantCulture) + " ms";

    public static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture) + " MB";

    public static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The machine the numbers came from, as the README shows it.</summary>
    public static string Machine()
    {
        var cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException)
        {
            // Not Linux: the processor count and memory below still say something.
        }

        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return $"{Environment.ProcessorCount} cores ({cpu}), {memory / 1024 / 1024:N0} MB RAM available to .NET, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    }
}
