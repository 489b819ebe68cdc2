namespace BulkImport.Core.Imports.Commit;

/// <summary>Settings of the committer (configuration section <c>Commit</c>).</summary>
public sealed class CommitOptions
{
    public const string Section = "Commit";

    /// <summary>Resume imports interrupted by a crash on start-up, instead of marking them CommitFailed.</summary>
    public bool ResumeInterruptedOnStartup { get; set; }

    /// <summary>
    /// Test-only fault injection: each commit run fails once it has processed this many rows (0 = off), so a
    /// replay continues and fails again further on. Read from configuration only, never from a request.
    /// </summary>
    public int FailAfterRows { get; set; }

    /// <summary>
    /// Whether Update rows keep before-images for undo (SPEC 21). On by default; the benchmark turns it off for some
    /// commits to measure the before-images' cost in the same run. An import committed without them keeps its updated
    /// records when undone (no before-image to restore from).
    /// </summary>
    public bool KeepBeforeImages { get; set; } = true;
}
