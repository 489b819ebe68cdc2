using System.Collections.Concurrent;

namespace BulkImport.Core.Imports.Commit;

/// <summary>
/// The in-process feed of commit progress. Any number of viewers subscribe to one import (or to all);
/// the committer publishes and never waits for them. The latest snapshot of each import is kept for late joiners.
/// With several instances (SPEC 22) snapshots of work running on another instance arrive through
/// <see cref="PublishFromOtherInstance"/>: viewers see them like this instance's own, while the relays that pass this
/// instance's snapshots on (Redis, the SignalR backplane) subscribe with <see cref="SubscribeOwn"/> so nothing is
/// sent round twice.
/// </summary>
public sealed class ImportProgressFeed
{
    private readonly ConcurrentDictionary<int, ImportProgress> _latest = new();
    private readonly Lock _gate = new();
    private readonly List<(int? ImportId, Action<ImportProgress> Handler)> _subscribers = [];
    private readonly List<Action<ImportProgress>> _ownSubscribers = [];

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

    /// <summary>Subscribes to the snapshots of work running on this instance only (not those from other instances).</summary>
    public IDisposable SubscribeOwn(Action<ImportProgress> handler)
    {
        lock (_gate)
        {
            _ownSubscribers.Add(handler);
        }

        return new Subscription(() =>
        {
            lock (_gate)
            {
                _ownSubscribers.Remove(handler);
            }
        });
    }

    /// <summary>Publishes a snapshot of work running on this instance.</summary>
    public void Publish(ImportProgress progress)
    {
        Deliver(progress);
        Action<ImportProgress>[] relays;
        lock (_gate)
        {
            relays = [.. _ownSubscribers];
        }

        foreach (var relay in relays)
        {
            relay(progress);
        }
    }

    /// <summary>Publishes a snapshot of work running on another instance, to this instance's viewers only.</summary>
    public void PublishFromOtherInstance(ImportProgress progress) => Deliver(progress);

    private void Deliver(ImportProgress progress)
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
