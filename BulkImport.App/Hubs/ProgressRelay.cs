using BulkImport.Core.Imports.Commit;
using Microsoft.AspNetCore.SignalR;

namespace BulkImport.App.Hubs;

/// <summary>Relays every snapshot of the in-process feed to the SignalR group of its import.</summary>
public sealed class ProgressRelay(ImportProgressFeed feed, IHubContext<ImportProgressHub> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.Subscribe(null, progress =>
            _ = hub.Clients.Group(ImportProgressHub.GroupOf(progress.ImportId)).SendAsync(ImportProgressHub.ProgressMessage, progress));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
