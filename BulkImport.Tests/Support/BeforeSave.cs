using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BulkImport.Tests.Support;

/// <summary>
/// Runs an action once, just before the first save of the app's database contexts that <paramref name="when"/> picks,
/// in the saving code's own flow: a test can make something happen between the moment code decided what to save and
/// the moment it saves, the window a race needs, without timing anything.
/// </summary>
public sealed class BeforeSave(Func<DbContext, bool> when) : SaveChangesInterceptor
{
    private int _fired;

    /// <summary>What to do in the window; given the context about to save.</summary>
    public Func<DbContext, Task> Action { get; set; } = _ => Task.CompletedTask;

    /// <summary>Whether the action ran.</summary>
    public bool Fired => Volatile.Read(ref _fired) == 1;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && !Fired && when(db) && Interlocked.Exchange(ref _fired, 1) == 0)
        {
            await Action(db);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && !Fired && when(db) && Interlocked.Exchange(ref _fired, 1) == 0)
        {
            Action(db).GetAwaiter().GetResult();
        }

        return result;
    }
}
