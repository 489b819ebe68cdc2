using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BulkImport.Tests.Support;

/// <summary>
/// A stop of the app (kill -9) at one save of its database contexts, in-process: the first save <paramref name="when"/>
/// picks is made or not (<paramref name="saved"/>), then the saving code waits until the app shuts down, so nothing it
/// would do next happens, as in a killed process. The restart is a new app on the same database.
/// </summary>
public sealed class StopAtSave(Func<DbContext, bool> when, bool saved) : SaveChangesInterceptor
{
    private readonly TaskCompletionSource _fired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DbContext? _picked;

    /// <summary>Completes when the app has stopped at the save.</summary>
    public Task Fired => _fired.Task;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Volatile.Read(ref _picked) is null && when(db) && Interlocked.CompareExchange(ref _picked, db, null) is null && !saved)
        {
            await StopAsync(cancellationToken);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (saved && eventData.Context is { } db && Volatile.Read(ref _picked) == db && !_fired.Task.IsCompleted)
        {
            await StopAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>Waits for the token of the saving code (the app's stop), which ends its work with a cancellation.</summary>
    private async Task StopAsync(CancellationToken cancellationToken)
    {
        _fired.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
