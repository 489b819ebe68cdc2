using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BulkImport.Core.Jobs;

/// <summary>
/// Runs validation and commit jobs side by side, at most <see cref="JobOptions.MaxConcurrent"/> at once, in the order
/// <see cref="JobSchedule"/> decides. The pool holds only which jobs wait and run; what a job does is read from its
/// import's status when it starts, so a job that waited while its import was cancelled ends at once. A job runs under
/// its lease (<see cref="WorkLeases"/>), claimed when it starts: one another instance holds (it got there first) or
/// this one runs already is dropped, and one whose lease is lost stops.
/// </summary>
public sealed class JobPool(IOptionsMonitor<JobOptions> options, WorkLeases leases, ILogger<JobPool> logger)
{
    private readonly Lock _lock = new();
    private readonly List<Entry> _waiting = [];
    private readonly List<Entry> _running = [];

    /// <summary>The jobs running now, for the pool's tests and diagnostics.</summary>
    public IReadOnlyList<ImportJob> Running
    {
        get
        {
            lock (_lock)
            {
                return [.. _running.Select(e => e.Job)];
            }
        }
    }

    /// <summary>The jobs waiting for a worker, in arrival order.</summary>
    public IReadOnlyList<ImportJob> Waiting
    {
        get
        {
            lock (_lock)
            {
                return [.. _waiting.Select(e => e.Job)];
            }
        }
    }

    /// <summary>
    /// Adds a job; the task ends when the job has run (its failure is logged, not thrown) or, when
    /// <paramref name="stopping"/> is cancelled before it started, when it is dropped: its import keeps its status and
    /// is found again at the next start.
    /// </summary>
    public Task RunAsync(ImportJob job, CancellationToken stopping)
    {
        var entry = new Entry(job, stopping);
        lock (_lock)
        {
            // The same work asked for again while it waits (a doorbell rung twice, the scan for unleased work): one entry.
            if (_waiting.Find(e => e.Job.ImportId == job.ImportId && e.Job.Kind == job.Kind) is { } waiting)
            {
                return waiting.Done.Task;
            }

            _waiting.Add(entry);
            StartEligible();
        }

        entry.Registration = stopping.Register(() => Drop(entry));
        return entry.Done.Task;
    }

    private void Drop(Entry entry)
    {
        lock (_lock)
        {
            if (!_waiting.Remove(entry))
            {
                return;
            }
        }

        entry.Done.TrySetResult();
    }

    /// <remarks>Called under the lock.</remarks>
    private void StartEligible()
    {
        while (true)
        {
            var next = JobSchedule.Next([.. _waiting.Select(e => e.Job)], [.. _running.Select(e => e.Job)], options.CurrentValue.MaxConcurrent);
            if (next < 0)
            {
                return;
            }

            var entry = _waiting[next];
            _waiting.RemoveAt(next);
            _running.Add(entry);
            // On a thread-pool thread of its own: the job must not run inside the caller's lock or on its stack.
            _ = Task.Run(() => RunEntryAsync(entry), CancellationToken.None);
        }
    }

    private async Task RunEntryAsync(Entry entry)
    {
        var job = entry.Job;
        WorkLease? lease = null;
        try
        {
            lease = await leases.TryClaimAsync(job.Kind.ToString(), job.ImportId, entry.Stopping);
            if (lease is null)
            {
                logger.LogDebug("{Kind} of import {ImportId} runs elsewhere (its lease is held); not run here", job.Kind, job.ImportId);
                return;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(entry.Stopping, lease.Lost);
            WorkLease.Current = lease;
            logger.LogInformation("{Kind} of import {ImportId} runs on {Holder}", job.Kind, job.ImportId, leases.Holder);
            await job.Run(stop.Token);
        }
        catch (OperationCanceledException) when (entry.Stopping.IsCancellationRequested)
        {
            // The host is stopping: the import keeps its status and is found again at the next start (or by another instance).
        }
        catch (Exception e) when (lease is { Lost.IsCancellationRequested: true })
        {
            // Another instance took the work over; what this one did is committed batch by batch and the new holder goes on.
            logger.LogWarning("{Kind} of import {ImportId} stopped here: its lease was lost ({Error})", job.Kind, job.ImportId, e.Message);
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Kind} of import {ImportId} failed unexpectedly", job.Kind, job.ImportId);
        }
        finally
        {
            // What the job freed goes back to the system now, not at the process's end (NativeHeap).
            NativeHeap.GiveBack();
            WorkLease.Current = null;
            if (lease is not null)
            {
                await lease.DisposeAsync();
            }

            entry.Registration?.Dispose();
            lock (_lock)
            {
                _running.Remove(entry);
                StartEligible();
            }

            entry.Done.TrySetResult();
        }
    }

    private sealed class Entry(ImportJob job, CancellationToken stopping)
    {
        public ImportJob Job { get; } = job;

        public CancellationToken Stopping { get; } = stopping;

        public CancellationTokenRegistration? Registration { get; set; }

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
