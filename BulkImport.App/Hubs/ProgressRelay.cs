using BulkImport.Core.Imports.Commit;
using Microsoft.AspNetCore.SignalR;

namespace BulkImport.App.Hubs;

/// <summary>
/// Relays this instance's snapshots to the SignalR group of their import. With the Redis backplane the group's members on
/// every instance receive them, so snapshots from other instances are not relayed again here.
/// </summary>
public sealed class ProgressRelay(ImportProgressFeed feed, IHubContext<ImportProgressHub> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = feed.SubscribeOwn(progress =>
            _ = hub.Clients.Group(ImportProgressHub.GroupOf(progress.ImportId)).SendAsync(ImportProgressHub.ProgressMessage, progress));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}
