using BulkImport.App.Components.Shared;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Commit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.JSInterop;
using MudBlazor.Services;

namespace BulkImport.Benchmarks;

/// <summary>
/// Viewers of a commit, in process, shaped like the import page: each subscribes to the progress feed, re-renders
/// through the same <see cref="RenderThrottle"/> the page uses, reloads the import from the database when the status
/// changes (as the page does), and on every tick re-renders the page's <see cref="ProgressPanel"/> with the real
/// components (a diff of its component tree, as in a circuit). What a circuit adds, sending the diff over SignalR, is
/// not simulated.
/// </summary>
public sealed class ProgressViewers : IAsyncDisposable
{
    private readonly List<IDisposable> _resources = [];
    private readonly ServiceProvider _services;
    private readonly HtmlRenderer _renderer;
    private int _renders;
    private int _failures;
    private Exception? _firstFailure;

    public ProgressViewers(ImportProgressFeed feed, ImportHistory imports, int importId, int count)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMudServices();
        services.AddSingleton<IJSRuntime, NoBrowser>();
        services.AddSingleton<NavigationManager>(new ViewerNavigation(importId));
        _services = services.BuildServiceProvider();
        _renderer = new HtmlRenderer(_services, NullLoggerFactory.Instance);
        for (var v = 0; v < count; v++)
        {
            ImportProgress? latest = null;
            ImportStatus? loadedStatus = null;
            var page = Attach();
            if (v == 0)
            {
                // The app has rendered the panel before (its first render compiles it); so has the benchmark's viewer.
                page.ShowAsync(new ImportProgress(importId, ImportStatus.Queued, 0, 0, 0, 0, 0, 0, null, null)).GetAwaiter().GetResult();
            }

            var throttle = new RenderThrottle(async () =>
            {
                try
                {
                    var progress = Volatile.Read(ref latest);
                    if (progress is null)
                    {
                        return;
                    }

                    if (progress.Status != loadedStatus)
                    {
                        loadedStatus = (await imports.GetAsync(importId, CancellationToken.None)).Status;
                    }

                    await page.ShowAsync(progress);
                    Interlocked.Increment(ref _renders);
                }
                catch (Exception e)
                {
                    // A viewer's failure must never reach the committer; it is counted and reported instead.
                    Interlocked.CompareExchange(ref _firstFailure, e, null);
                    Interlocked.Increment(ref _failures);
                }
            }, RenderThrottle.LiveProgress);
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

    /// <summary>The first failed render's exception, for the report.</summary>
    public Exception? FirstFailure => Volatile.Read(ref _firstFailure);

    /// <summary>Renders one viewer's page and returns it once it is live.</summary>
    private ViewerPage Attach()
    {
        ViewerPage? attached = null;
        _renderer.Dispatcher.InvokeAsync(() => _renderer.RenderComponentAsync<ViewerPage>(ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(ViewerPage.Attached)] = (Action<ViewerPage>)(p => attached = p),
        }))).GetAwaiter().GetResult();
        return attached ?? throw new InvalidOperationException("The viewer's page did not render.");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var resource in _resources)
        {
            resource.Dispose();
        }

        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
    }
}
