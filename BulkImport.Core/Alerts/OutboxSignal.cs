namespace BulkImport.Core.Alerts;

/// <summary>
/// Wakes the outbox sender when messages were saved, so an alert leaves at once instead of at the next poll. Losing a
/// wake-up costs only a poll interval: the outbox table, not this signal, is what says what is due.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake-pending: one wake-up is enough for any number of messages.
        }
    }

    /// <summary>Waits until woken or until <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}
