using System.Collections.Concurrent;

namespace BulkImport.Core.Imports.Commit;

/// <summary>
/// The in-process feed of commit progress. Any number of viewers subscribe to one import (or to all);
/// the committer publishes and never waits for them. The latest snapshot of each import is kept for late joiners.
/// </summary>
public sealed class ImportProgressFeed
{
    private readonly ConcurrentDictionary<int, ImportProgress> _latest = new();
    private readonly Lock _gate = new();
    private readonly List<(int? ImportId, Action<ImportProgress> Handler)> _subscribers = [];

    public ImportProgress? Latest(int importId) => _latest.TryGetValue(importId, out var p) ? p : null;

    public IReadOnlyCollection<ImportProgress> Active => [.. _latest.Values.Where(p => p.Status.IsInProgress())];

    /// <summary>Subscribes to one import, or to every import when <paramref name="importId"/> is null.</summary>
    public IDisposable Subscribe(int? importId, Action<ImportProgress> handler)
    {
        var entry = (importId, handler);
        lock (_gate)
        {
            _subscribers.Add(entry);
        }

        return new Subscription(() =>
        {
            lock (_gate)
            {
                _subscribers.Remove(entry);
            }
        });
    }

    public void Publish(ImportProgress progress)
    {
        _latest[progress.ImportId] = progress;
        (int? ImportId, Action<ImportProgress> Handler)[] targets;
        lock (_gate)
        {
            targets = [.. _subscribers];
        }

        foreach (var (importId, handler) in targets)
        {
            if (importId is null || importId == progress.ImportId)
            {
                try
                {
                    handler(progress);
                }
                catch (ObjectDisposedException)
                {
                    // A viewer that went away between the copy and the call.
                }
            }
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
