using BulkImport.Core.Jobs;

namespace BulkImport.Tests.Jobs;

/// <summary>
/// Holds imports at their batch boundaries (through <see cref="WriteTurns.AtBatchBoundary"/>), between two batches and
/// without holding the database, so a test can keep a large import Validating or Committing as long as it needs
/// instead of making it large enough and hoping. Every import is held until freed.
/// </summary>
public sealed class BatchHold
{
    private readonly Lock _lock = new();
    private readonly HashSet<int> _free = [];
    private readonly Dictionary<int, int> _waiting = [];
    private bool _all;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BatchHold(WriteTurns turns) => turns.AtBatchBoundary = WaitAsync;

    /// <summary>Whether import <paramref name="importId"/> is waiting at a batch boundary now.</summary>
    public bool IsHeld(int importId)
    {
        lock (_lock)
        {
            return _waiting.GetValueOrDefault(importId) > 0;
        }
    }

    /// <summary>Lets import <paramref name="importId"/> write its batches.</summary>
    public void Free(int importId) => Change(() => _free.Add(importId));

    /// <summary>Holds import <paramref name="importId"/> again at its next batch boundary.</summary>
    public void Hold(int importId) => Change(() => _free.Remove(importId));

    /// <summary>Lets every import write (at the end of a test, so the app stops cleanly).</summary>
    public void FreeAll() => Change(() => _all = true);

    private void Change(Action change)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            change();
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    private async Task WaitAsync(int importId, CancellationToken ct)
    {
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                if (_all || _free.Contains(importId))
                {
                    return;
                }

                changed = _changed.Task;
                _waiting[importId] = _waiting.GetValueOrDefault(importId) + 1;
            }

            try
            {
                await changed.WaitAsync(ct);
            }
            finally
            {
                lock (_lock)
                {
                    _waiting[importId]--;
                }
            }
        }
    }
}
