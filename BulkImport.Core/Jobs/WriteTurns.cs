using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace BulkImport.Core.Jobs;

/// <summary>
/// Writers take turns by batch on an engine with one writer (SQLite; SPEC 22). Without turns a large staging or commit
/// writes its batches back to back, and any other writer, polling for the lock in SQLite's busy handler, almost never
/// finds it free: a 3-row import waited seconds behind a million-row one. Two rules:
/// <list type="bullet">
/// <item>Hot writers (a staging's or a commit's batches) take the turn in arrival order (a first-in first-out gate), so two
/// imports alternate batch by batch, handing the lock over in process instead of polling for it.</item>
/// <item>Any other write (a status change, a row edit, a reservation: every write through EF Core) says it is coming
/// (<see cref="WriteTurnInterceptor"/>), and a hot writer at its batch boundary waits until those have the lock, at most
/// <see cref="JobOptions.MaxYieldMilliseconds"/>, so a large import always progresses.</item>
/// </list>
/// Uncontended, a turn costs a lock and a dictionary look-up per batch of thousands of rows.
/// </summary>
public sealed class WriteTurns(IOptionsMonitor<JobOptions> options)
{
    /// <summary>A write announced longer ago than this is taken to have been lost (its end was not seen) and is ignored.</summary>
    private static readonly TimeSpan AnnouncementLapses = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _queue = new();
    private readonly ConcurrentDictionary<object, long> _announced = new();
    private readonly SemaphoreSlim _arrivals = new(0);
    private bool _held;

    /// <summary>
    /// Test seam: called at every batch boundary of a hot writer with its import's ID, before it waits for its turn, so
    /// a test can hold a large import between two batches without holding the database.
    /// </summary>
    public Func<int, CancellationToken, Task>? AtBatchBoundary { get; set; }

    /// <summary>Whether turns are taken at all: an engine with row-level locks (PostgreSQL) lets writers write side by side.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Writes announced and not yet under way (for tests).</summary>
    public int Announced => _announced.Count;

    /// <summary>Waits for the turn of a batch of import <paramref name="importId"/> on a writer's own thread; dispose to end it.</summary>
    public IDisposable Batch(int importId, CancellationToken ct) => BatchAsync(importId, ct).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc cref="Batch"/>
    public async ValueTask<IDisposable> BatchAsync(int importId, CancellationToken ct)
    {
        if (AtBatchBoundary is { } hook)
        {
            await hook(importId, ct);
        }

        if (!Enabled)
        {
            return Turn.None;
        }

        await YieldToAnnouncedAsync(ct);
        TaskCompletionSource? wait = null;
        lock (_lock)
        {
            if (_held)
            {
                wait = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _queue.Enqueue(wait);
            }
            else
            {
                _held = true;
            }
        }

        if (wait is not null)
        {
            try
            {
                await wait.Task.WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                // Given up while waiting: a turn handed over meanwhile is passed on, never kept.
                lock (_lock)
                {
                    if (!wait.TrySetCanceled())
                    {
                        Release();
                    }
                }

                throw;
            }
        }

        return new Turn(this);
    }

    /// <summary>A write outside the hot paths is about to ask the database for its lock (<paramref name="writer"/> is its connection).</summary>
    public void Announce(object writer)
    {
        if (Enabled)
        {
            _announced[writer] = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>The announced write has the lock, or ended, or failed.</summary>
    public void Arrived(object writer)
    {
        if (_announced.TryRemove(writer, out _))
        {
            _arrivals.Release();
        }
    }

    private async Task YieldToAnnouncedAsync(CancellationToken ct)
    {
        if (_announced.IsEmpty)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var limit = TimeSpan.FromMilliseconds(Math.Max(0, options.CurrentValue.MaxYieldMilliseconds));
        while (Waiting() && Stopwatch.GetElapsedTime(started) < limit)
        {
            // Woken when one arrives; the short timeout re-checks the lapse of a lost announcement.
            await _arrivals.WaitAsync(TimeSpan.FromMilliseconds(5), ct);
        }
    }

    private bool Waiting()
    {
        foreach (var (writer, at) in _announced)
        {
            if (Stopwatch.GetElapsedTime(at) < AnnouncementLapses)
            {
                return true;
            }

            _announced.TryRemove(writer, out _);
        }

        return false;
    }

    /// <remarks>Called under the lock: hands the turn to the next writer in line, or frees it.</remarks>
    private void Release()
    {
        while (_queue.TryDequeue(out var next))
        {
            if (next.TrySetResult())
            {
                return;
            }
        }

        _held = false;
    }

    private void End()
    {
        lock (_lock)
        {
            Release();
        }
    }

    private sealed class Turn(WriteTurns? turns) : IDisposable
    {
        public static readonly Turn None = new(null);

        private WriteTurns? _turns = turns;

        public void Dispose() => Interlocked.Exchange(ref _turns, null)?.End();
    }
}
