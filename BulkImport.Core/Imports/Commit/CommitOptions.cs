namespace BulkImport.Core.Imports.Commit;

/// <summary>Settings of the committer (configuration section <c>Commit</c>).</summary>
public sealed class CommitOptions
{
    public const string Section = "Commit";

    /// <summary>Resume imports interrupted by a crash on start-up, instead of marking them CommitFailed.</summary>
    public bool ResumeInterruptedOnStartup { get; set; }

    /// <summary>
    /// Test-only fault injection: fail the commit once this many rows are processed (0 = off). Read from
    /// configuration only, never from a request.
    /// </summary>
    public int FailAfterRows { get; set; }
}
