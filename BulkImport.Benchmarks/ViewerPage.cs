using BulkImport.App.Components.Shared;
using BulkImport.Core.Imports.Commit;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BulkImport.Benchmarks;

/// <summary>The part of the import page a viewer watches: the progress panel, re-rendered when a snapshot arrives.</summary>
internal sealed class ViewerPage : ComponentBase
{
    private ImportProgress? _progress;

    /// <summary>Hands the page to its viewer once it is rendered.</summary>
    [Parameter] public Action<ViewerPage>? Attached { get; set; }

    /// <summary>Shows a snapshot: re-renders the panel, as the page does when the throttle fires.</summary>
    public Task ShowAsync(ImportProgress progress) => InvokeAsync(() =>
    {
        _progress = progress;
        StateHasChanged();
    });

    protected override void OnInitialized() => Attached?.Invoke(this);

    protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
    {
        if (_progress is null)
        {
            return;
        }

        builder.OpenComponent<ProgressPanel>(0);
        builder.AddComponentParameter(1, nameof(ProgressPanel.Progress), _progress);
        builder.AddComponentParameter(2, nameof(ProgressPanel.CanCancel), true);
        builder.CloseComponent();
    }
}

/// <summary>The browser side of a viewer's circuit: the panel's components may call JavaScript, which answers nothing.</summary>
internal sealed class NoBrowser : IJSRuntime
{
    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) => ValueTask.FromResult<TValue>(default!);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) => ValueTask.FromResult<TValue>(default!);
}

/// <summary>Where a viewer's page is: the import's page (links in the panel are built from it).</summary>
internal sealed class ViewerNavigation : NavigationManager
{
    public ViewerNavigation(int importId) => Initialize("http://localhost/", $"http://localhost/imports/{importId}");
}
