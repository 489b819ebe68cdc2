namespace BulkImport.Core.Jobs;

/// <summary>Settings of the job pool that reads and commits imports (configuration section <c>Jobs</c>).</summary>
public sealed class JobOptions
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
}
