using BulkImport.Core.Settings;

namespace BulkImport.Core.Jobs;

/// <summary>Settings of the job pool that reads and commits imports (configuration section <c>Jobs</c>).</summary>
public sealed class JobOptions : ICheckedSettings
{
    public const string Section = "Jobs";

    /// <summary>Jobs (validations and commits) this instance runs at once (SPEC 22; default 2).</summary>
    public int MaxConcurrent { get; set; } = 2;

    /// <summary>A commit of more rows than this is a large job: large jobs leave one worker free for small ones.</summary>
    public int LargeJobRows { get; set; } = 50_000;

    /// <summary>A file larger than this (bytes) is a large validation job; about 50,000 rows of a typical client file.</summary>
    public long LargeFileBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>
    /// The most a hot writer waits at a batch boundary for other writers that asked for the database, so a large import
    /// always progresses however busy the others are.
    /// </summary>
    public int MaxYieldMilliseconds { get; set; } = 100;

    /// <summary>
    /// How long a claimed piece of background work stays this instance's without a heartbeat (SPEC 22, several instances
    /// on PostgreSQL). When an instance dies, another takes its work over at most this long plus one
    /// <see cref="HeartbeatSeconds"/> later.
    /// </summary>
    public int LeaseSeconds { get; set; } = 15;

    /// <summary>How often an instance renews its leases and looks for work nobody holds (lapsed leases, imports waiting).</summary>
    public int HeartbeatSeconds { get; set; } = 5;

    /// <summary>
    /// At least one worker (0 ran one, silently); a large job is one over a size or row count, so 0 made every job large
    /// and left small imports waiting behind them; a batch may skip its yield (0) but not wait a negative time; and a
    /// lease must outlive its heartbeats.
    /// </summary>
    public void Check(SettingChecks checks)
    {
        var defaults = new JobOptions();
        checks.AtLeast($"{Section}:{nameof(MaxConcurrent)}", MaxConcurrent, 1, "jobs", defaults.MaxConcurrent);
        checks.AtLeast($"{Section}:{nameof(LargeJobRows)}", LargeJobRows, 1, "rows", defaults.LargeJobRows);
        checks.AtLeast($"{Section}:{nameof(LargeFileBytes)}", LargeFileBytes, 1, "bytes", defaults.LargeFileBytes);
        checks.AtLeast($"{Section}:{nameof(MaxYieldMilliseconds)}", MaxYieldMilliseconds, 0, "milliseconds", defaults.MaxYieldMilliseconds,
            "0: a large import's batch never waits for other writes");
        if (LeaseSeconds < 3 || HeartbeatSeconds < 1 || HeartbeatSeconds * 3 > LeaseSeconds)
        {
            checks.Refuse($"{Section}:{nameof(HeartbeatSeconds)} is {HeartbeatSeconds} and {Section}:{nameof(LeaseSeconds)} is {LeaseSeconds}: "
                + "a lease must outlive three heartbeats (so one late heartbeat does not hand running work to another instance), the heartbeat at least 1 s. "
                + $"Keep the defaults ({defaults.LeaseSeconds} and {defaults.HeartbeatSeconds}) or set the heartbeat to at most a third of the lease.");
        }
    }
}
