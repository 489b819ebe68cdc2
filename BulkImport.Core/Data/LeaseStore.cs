using System.Data.Common;

namespace BulkImport.Core.Data;

/// <summary>
/// Where an engine shared by several app instances keeps who holds which work (DESIGN 6, "work is a job in the
/// database"; SPEC 22). A lease names its work by kind and import (0 for work of the whole app: the alert outbox, the
/// watched folders), its holder (one app instance) and when it lapses. Every time is the database server's clock
/// (<c>now()</c>), never an instance's: instances whose clocks differ by seconds still agree on who holds what.
/// </summary>
public abstract class LeaseStore
{
    /// <summary>
    /// Takes the lease of one piece of work for <paramref name="holder"/> if nobody holds it or its holder let it lapse
    /// (<see cref="LeaseClaim.TakenOver"/>); <see cref="LeaseClaim.Refused"/> while another instance holds it. Two
    /// instances claiming at once never both get it.
    /// </summary>
    public abstract Task<LeaseClaim> TryClaimAsync(DbConnection connection, string kind, int importId, string holder, TimeSpan length, CancellationToken ct);

    /// <summary>Moves the end of every lease <paramref name="holder"/> still holds to now + <paramref name="length"/>; returns those leases.</summary>
    public abstract Task<IReadOnlyList<(string Kind, int ImportId)>> RenewAsync(DbConnection connection, string holder, TimeSpan length, CancellationToken ct);

    /// <summary>Gives a lease back (its work is done or stopped), so another instance need not wait for it to lapse.</summary>
    public abstract Task ReleaseAsync(DbConnection connection, string kind, int importId, string holder, CancellationToken ct);

    /// <summary>
    /// Inside a batch's transaction: whether <paramref name="holder"/> still holds the lease, locking it until the
    /// transaction ends so nobody can take it over while the batch writes (a takeover then starts after the batch).
    /// </summary>
    public abstract Task<bool> ConfirmHeldAsync(DbConnection connection, DbTransaction transaction, string kind, int importId, string holder, CancellationToken ct);

    /// <summary>Imports in one of <paramref name="statuses"/> that no live lease covers: work nobody runs now, to be claimed.</summary>
    public abstract Task<IReadOnlyList<(int ImportId, string Status)>> UnleasedImportsAsync(DbConnection connection, IReadOnlyList<string> statuses, CancellationToken ct);
}

/// <summary>What a claim of a lease came to.</summary>
public enum LeaseClaim
{
    /// <summary>Another instance holds the lease.</summary>
    Refused,

    /// <summary>Nobody held the lease: the work was waiting.</summary>
    Claimed,

    /// <summary>The lease had lapsed: its holder stopped renewing it (it died or lost the database), and its work is taken over.</summary>
    TakenOver,
}
