using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BulkImport.Core.Jobs;

/// <summary>
/// Runs validation and commit jobs side by side, at most <see cref="JobOptions.MaxConcurrent"/> at once, in the order
/// <see cref="JobSchedule"/> decides. The pool holds only which jobs wait and run; what a job does is read from its
/// import's status when it starts, so a job that waited while its import was cancelled ends at once.
/// </summary>
public sealed class JobPool(IOptionsMonitor<JobOptions> options, ILogger<JobPool> logger)
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
        try
        {
            await job.Run(entry.Stopping);
        }
        catch (OperationCanceledException) when (entry.Stopping.IsCancellationRequested)
        {
            // The host is stopping: the import keeps its status and is found again at the next start.
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Kind} of import {ImportId} failed unexpectedly", job.Kind, job.ImportId);
        }
        finally
        {
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
