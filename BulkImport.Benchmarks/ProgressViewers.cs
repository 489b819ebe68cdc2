using System.Globalization;
using BulkImport.App.Components.Shared;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Commit;

namespace BulkImport.Benchmarks;

/// <summary>
/// Viewers of a commit, in process, shaped like the import page: each subscribes to the progress feed, re-renders
/// through the same <see cref="RenderThrottle"/> the page uses, and on every render reloads the import from the
/// database and formats the progress line. (The page reloads only when the status changes; reloading on every render
/// makes the simulated viewer heavier than the real one, so the measured slowdown is an upper bound.)
/// </summary>
public sealed class ProgressViewers : IDisposable
{
    private readonly List<IDisposable> _resources = [];
    private int _renders;
    private int _failures;

    public ProgressViewers(ImportProgressFeed feed, ImportService imports, int importId, int count)
    {
        for (var v = 0; v < count; v++)
        {
            ImportProgress? latest = null;
            var throttle = new RenderThrottle(async () =>
            {
                try
                {
                    var import = await imports.GetAsync(importId, CancellationToken.None);
                    var progress = Volatile.Read(ref latest);
                    _ = string.Create(CultureInfo.InvariantCulture,
                        $"{import.Status}: {progress?.ProcessedRows:N0} of {progress?.TotalRows:N0} ({progress?.Percent:F1}%), {progress?.RowsPerSecond:N0} rows/s");
                    Interlocked.Increment(ref _renders);
                }
                catch (Exception)
                {
                    // A viewer's failure must never reach the committer; it is counted and reported instead.
                    Interlocked.Increment(ref _failures);
                }
            }, TimeSpan.FromMilliseconds(200));
            _resources.Add(throttle);
            _resources.Add(feed.Subscribe(importId, p =>
            {
                Volatile.Write(ref latest, p);
                throttle.Request();
            }));
        }
    }

    public int Renders => Volatile.Read(ref _renders);

    public int Failures => Volatile.Read(ref _failures);

    public void Dispose()
    {
        foreach (var resource in _resources)
        {
            resource.Dispose();
        }
    }
}
