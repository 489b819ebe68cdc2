using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.SignalR;

namespace BulkImport.App.Security;

/// <summary>
/// Limits of the Blazor circuits and of their SignalR connection, set on purpose rather than left to defaults, so
/// that abandoned tabs and hostile clients cannot hold server memory.
/// </summary>
public static class CircuitLimits
{
    public static void Configure(CircuitOptions o)
    {
        // A person works in one or two tabs. A tab that lost its network finds its circuit again for three minutes;
        // after that, or beyond 100 disconnected circuits, the oldest are dropped (the page reloads, nothing is lost:
        // imports live in the database, not in the circuit).
        o.DisconnectedCircuitMaxRetained = 100;
        o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
        // A browser that stops answering JS calls (the file picker, the clipboard) does not hold a call for long.
        o.JSInteropDefaultCallTimeout = TimeSpan.FromMinutes(1);
        // Render batches the browser has not acknowledged are buffered up to this many, then the circuit waits:
        // a slow or malicious client cannot make the server queue renders without bound (live progress re-renders often).
        o.MaxBufferedUnacknowledgedRenderBatches = 10;
        // Exceptions can carry row content (personal data): never sent to the browser.
        o.DetailedErrors = false;
    }

    public static void Configure(HubOptions o)
    {
        // 32 KB, the default, kept deliberately: the largest thing a browser sends is an upload, and InputFile streams
        // it in chunks below this size; nothing else needs more, and a larger limit lets any client make the server
        // buffer large messages. Uploads are limited separately (Import:MaxFileBytes).
        o.MaximumReceiveMessageSize = 32 * 1024;
        // One hub call at a time per circuit: events are handled in order and a client cannot flood the server.
        o.MaximumParallelInvocationsPerClient = 1;
        o.HandshakeTimeout = TimeSpan.FromSeconds(15);
        o.ClientTimeoutInterval = TimeSpan.FromSeconds(60);
        o.KeepAliveInterval = TimeSpan.FromSeconds(15);
    }
}
