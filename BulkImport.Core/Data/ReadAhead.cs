using System.Collections.Concurrent;

namespace BulkImport.Core.Data;

/// <summary>
/// Batches read on a thread of their own while the caller writes the ones before (two cores, two stages): the commit
/// and the undo each read their next rows on a second connection this way. The hand-over is a bounded blocking queue (a
/// few batches in memory, never the import), which needs no thread-pool thread.
/// </summary>
public sealed class ReadAhead<TBatch> : IAsyncDisposable
    where TBatch : class
{
    private readonly BlockingCollection<TBatch> _batches = new(boundedCapacity: 2);
    private readonly CancellationTokenSource _stop;
    private readonly Task _reading;

    /// <param name="next">Reads the batch after the last one it returned; null when every row was read.</param>
    public ReadAhead(Func<TBatch?> next, CancellationToken ct)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _reading = Task.Factory.StartNew(() => Read(next, _stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void Read(Func<TBatch?> next, CancellationToken ct)
    {
        try
        {
            while (next() is { } batch)
            {
                _batches.Add(batch, ct);
            }
        }
        finally
        {
            _batches.CompleteAdding();
        }
    }

    /// <summary>The next batch, or null once every row was read; a failure of the reading is thrown here, never taken for the end.</summary>
    public async Task<TBatch?> NextAsync(CancellationToken ct)
    {
        if (_batches.TryTake(out var batch, Timeout.Infinite, ct))
        {
            return batch;
        }

        await _reading;
        return null;
    }

    /// <summary>Stops the reading and waits for its thread, so the connection it reads on can be closed after.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAny(_reading);
        _stop.Dispose();
        _batches.Dispose();
    }
}
