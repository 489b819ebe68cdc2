namespace BulkImport.Core.Jobs;

/// <summary>What a job does to its import.</summary>
public enum JobKind
{
    Validation,
    Commit,

    /// <summary>The undo of a committed import (SPEC 21): it writes in batches like a commit.</summary>
    Undo,
}

/// <summary>
/// One piece of background work on one import, as the pool schedules it: whose it is and whether it is large decide
/// when it runs (<see cref="JobSchedule"/>); <see cref="Run"/> does it, reading what to do from the import's status.
/// </summary>
public sealed record ImportJob(int ImportId, JobKind Kind, string User, bool Large, Func<CancellationToken, Task> Run);
