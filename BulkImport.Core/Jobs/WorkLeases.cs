using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using BulkImport.Core.Data;
using BulkImport.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BulkImport.Core.Jobs;

/// <summary>
/// The one place where background work (validation, commit, undo, alert sending, folder intake) is claimed, kept and
/// given back (SPEC 22, DESIGN 6 "work is a job in the database"). A piece of work runs only under its lease: on
/// PostgreSQL, shared by several instances, the lease is a row of the database (<see cref="LeaseStore"/>) renewed by
/// <see cref="RenewAsync"/> every <see cref="JobOptions.HeartbeatSeconds"/> and taken over by another instance once it
/// lapses (<see cref="JobOptions.LeaseSeconds"/> after the last renewal, on the database's clock). On SQLite, which
/// serves one instance, a lease is only this instance's note that the work runs here, so a doorbell rung twice still
/// runs the work once.
/// </summary>
public sealed class WorkLeases(IDbContextFactory<BulkImportDbContext> dbFactory, IOptionsMonitor<JobOptions> options, ImportTelemetry telemetry, ILogger<WorkLeases> logger)
{
    private readonly ConcurrentDictionary<(string Kind, int ImportId), WorkLease> _held = new();

    /// <summary>
    /// Claims and renewals one at a time: a renewal that ran while a claim was on its way would not see the new lease
    /// and would take it for lost.
    /// </summary>
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LeaseStore? _store;
    private bool _storeKnown;

    /// <summary>This instance, as the leases name it: host, process and a random part (a restarted process is another holder).</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public TimeSpan Length => TimeSpan.FromSeconds(options.CurrentValue.LeaseSeconds);

    public TimeSpan Heartbeat => TimeSpan.FromSeconds(options.CurrentValue.HeartbeatSeconds);

    /// <summary>The leases this instance holds now, for diagnostics and tests.</summary>
    public IReadOnlyCollection<(string Kind, int ImportId)> Held => [.. _held.Keys];

    /// <summary>Whether the database is shared by several instances (its leases live in it), found from its engine.</summary>
    public async Task<bool> SharedAsync(CancellationToken ct) => await StoreAsync(ct) is not null;

    /// <summary>
    /// Claims one piece of work for this instance: null when it already runs here or another instance holds it. The
    /// caller runs the work, stopping when <see cref="WorkLease.Lost"/> is cancelled, and disposes the lease when done.
    /// </summary>
    public async Task<WorkLease?> TryClaimAsync(string kind, int importId, CancellationToken ct)
    {
        var key = (kind, importId);
        var lease = new WorkLease(this, kind, importId) { ConfirmedAt = Stopwatch.GetTimestamp() };
        if (!_held.TryAdd(key, lease))
        {
            return null;
        }

        await _gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (StoreOf(db) is { } store)
            {
                await db.Database.OpenConnectionAsync(ct);
                lease.ConfirmedAt = Stopwatch.GetTimestamp();
                var claim = await store.TryClaimAsync(db.Database.GetDbConnection(), kind, importId, Holder, Length, ct);
                if (claim == LeaseClaim.Refused)
                {
                    _held.TryRemove(KeyValuePair.Create(key, lease));
                    return null;
                }

                lease.TakenOver = claim == LeaseClaim.TakenOver;
                if (lease.TakenOver)
                {
                    logger.LogWarning("Took over {Kind} of import {ImportId}: its lease had lapsed (the instance running it stopped renewing it)", kind, importId);
                    telemetry.LeaseTakenOver(kind);
                }
            }

            return lease;
        }
        catch
        {
            _held.TryRemove(KeyValuePair.Create(key, lease));
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// A lease of work of the whole app, kept across calls: <paramref name="held"/> while it is still this instance's,
    /// else a new claim (null while another instance holds it).
    /// </summary>
    public async Task<WorkLease?> KeepAsync(WorkLease? held, string kind, CancellationToken ct)
    {
        if (held is not null && !held.Lost.IsCancellationRequested)
        {
            return held;
        }

        if (held is not null)
        {
            await held.DisposeAsync();
        }

        return await TryClaimAsync(kind, 0, ct);
    }

    /// <summary>
    /// The heartbeat: moves the end of every lease this instance holds. A lease the database no longer gives this
    /// instance is lost (its work stops); so is one the database could not confirm for a whole lease length, which
    /// another instance may have taken over meanwhile.
    /// </summary>
    public async Task RenewAsync(CancellationToken ct)
    {
        if (_held.IsEmpty || await StoreAsync(ct) is not { } store)
        {
            return;
        }

        await _gate.WaitAsync(ct);
        var asked = Stopwatch.GetTimestamp();
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Database.OpenConnectionAsync(ct);
            var connection = db.Database.GetDbConnection();
            var renewed = (await store.RenewAsync(connection, Holder, Length, ct)).ToHashSet();
            foreach (var key in renewed.Where(key => !_held.ContainsKey(key)))
            {
                // Lost here while the database did not answer (its work stopped), yet the row still names this instance:
                // renewed, it would keep every instance, this one included, from taking the work up again, and a commit
                // would stay Committing with nothing running it. Given back, it is free to be taken over.
                await store.ReleaseAsync(connection, key.Kind, key.ImportId, Holder, ct);
                logger.LogWarning("Gave back the lease of {Kind} of import {ImportId}: its work stopped here when the lease could not be renewed; any instance may take it over now", key.Kind, key.ImportId);
            }

            foreach (var (key, lease) in _held)
            {
                if (renewed.Contains(key))
                {
                    lease.ConfirmedAt = asked;
                }
                else if (lease.ConfirmedAt < asked)
                {
                    // Claimed before this renewal began and not renewed: its row is another instance's now.
                    Lose(key, lease, "another instance took it over");
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning("The leases of this instance could not be renewed ({Error}); trying again at the next heartbeat", e.Message);
            foreach (var (key, lease) in _held)
            {
                if (Stopwatch.GetElapsedTime(lease.ConfirmedAt) >= Length)
                {
                    Lose(key, lease, $"it could not be renewed for {Length.TotalSeconds:0} s");
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Imports in one of <paramref name="statuses"/> whose work nobody holds (waiting, or left by a stopped instance); none on SQLite.</summary>
    public async Task<IReadOnlyList<(int ImportId, string Status)>> UnleasedImportsAsync(IReadOnlyList<string> statuses, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (StoreOf(db) is not { } store)
        {
            return [];
        }

        await db.Database.OpenConnectionAsync(ct);
        return await store.UnleasedImportsAsync(db.Database.GetDbConnection(), statuses, ct);
    }

    internal async Task ConfirmAsync(WorkLease lease, DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        if (DatabaseEngine.Of(connection).Leases is not { } store)
        {
            return;
        }

        if (!await store.ConfirmHeldAsync(connection, transaction, lease.Kind, lease.ImportId, Holder, ct))
        {
            Lose((lease.Kind, lease.ImportId), lease, "another instance took it over");
            throw new WorkLeaseLostException($"The lease of {lease.Kind} of import {lease.ImportId} is no longer this instance's: another instance took the work over, and this one stops it.");
        }
    }

    internal async ValueTask ReleaseAsync(WorkLease lease)
    {
        if (!_held.TryRemove(KeyValuePair.Create((lease.Kind, lease.ImportId), lease)) || lease.Lost.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            if (StoreOf(db) is { } store)
            {
                await db.Database.OpenConnectionAsync(CancellationToken.None);
                await store.ReleaseAsync(db.Database.GetDbConnection(), lease.Kind, lease.ImportId, Holder, CancellationToken.None);
            }
        }
        catch (Exception e)
        {
            // The lease lapses by itself; another instance then finds the work done (or takes it over).
            logger.LogWarning("The lease of {Kind} of import {ImportId} could not be given back ({Error}); it lapses in {Seconds} s", lease.Kind, lease.ImportId, e.Message, Length.TotalSeconds);
        }
    }

    private void Lose((string Kind, int ImportId) key, WorkLease lease, string why)
    {
        if (_held.TryRemove(KeyValuePair.Create(key, lease)))
        {
            logger.LogWarning("Lost the lease of {Kind} of import {ImportId}: {Why}; this instance stops that work", key.Kind, key.ImportId, why);
        }

        lease.Lose();
    }

    private async Task<LeaseStore?> StoreAsync(CancellationToken ct)
    {
        if (_storeKnown)
        {
            return _store;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return StoreOf(db);
    }

    private LeaseStore? StoreOf(BulkImportDbContext db)
    {
        _store = DatabaseEngine.Of(db).Leases;
        _storeKnown = true;
        return _store;
    }
}
