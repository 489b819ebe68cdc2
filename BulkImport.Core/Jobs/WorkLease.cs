using System.Data.Common;
using System.Diagnostics;

namespace BulkImport.Core.Jobs;

/// <summary>
/// This instance's hold on one piece of background work (<see cref="WorkLeases"/>): renewed by the heartbeat while the
/// work runs, given back when disposed. <see cref="Lost"/> is cancelled when the lease could not be kept (another
/// instance took it over after it lapsed, or the database could not be reached for a whole lease length): the work
/// must stop, leaving the import to its new holder.
/// </summary>
public sealed class WorkLease : IAsyncDisposable
{
    private static readonly AsyncLocal<WorkLease?> Running = new();
    private readonly WorkLeases _owner;
    private readonly CancellationTokenSource _lost = new();

    internal WorkLease(WorkLeases owner, string kind, int importId)
    {
        _owner = owner;
        Kind = kind;
        ImportId = importId;
    }

    public string Kind { get; }

    /// <summary>The import worked on, or 0 for work of the whole app.</summary>
    public int ImportId { get; }

    /// <summary>Cancelled when the lease is no longer this instance's.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Whether the lease had lapsed when it was claimed: another instance had the work and stopped.</summary>
    public bool TakenOver { get; internal set; }

    /// <summary>When (<see cref="Stopwatch"/> ticks, this process's monotonic clock) the database last confirmed the lease, measured from before asking.</summary>
    internal long ConfirmedAt { get; set; }

    /// <summary>
    /// The lease of the job running on this flow of execution (set by <see cref="JobPool"/> around a job), so a runner
    /// confirms it in each batch's transaction without it passing through every signature.
    /// </summary>
    public static WorkLease? Current
    {
        get => Running.Value;
        internal set => Running.Value = value;
    }

    /// <summary>
    /// Inside a batch's transaction: confirms that the running job's lease is still this instance's and keeps it so
    /// until the transaction ends, or throws <see cref="WorkLeaseLostException"/> (the batch must roll back: another
    /// instance has the work). Nothing to do without a job lease, or on an engine serving one instance.
    /// </summary>
    public static Task ConfirmHeldAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct) =>
        Current is { } lease ? lease._owner.ConfirmAsync(lease, connection, transaction, ct) : Task.CompletedTask;

    internal void Lose() => _lost.Cancel();

    public ValueTask DisposeAsync() => _owner.ReleaseAsync(this);
}

/// <summary>The lease of a job was taken over by another instance: this instance stops the job and records nothing on it.</summary>
public sealed class WorkLeaseLostException(string message) : Exception(message);
