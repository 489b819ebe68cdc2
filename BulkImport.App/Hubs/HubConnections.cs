using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace BulkImport.App.Hubs;

/// <summary>The open connections of the progress hub, so they can be checked and closed after they were opened.</summary>
public sealed class HubConnections
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _open = new();

    public void Opened(HubCallerContext context) => _open[context.ConnectionId] = context;

    public void Closed(string connectionId) => _open.TryRemove(connectionId, out _);

    public IReadOnlyCollection<HubCallerContext> Open => [.. _open.Values];
}
