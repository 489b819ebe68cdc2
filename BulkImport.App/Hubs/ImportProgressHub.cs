using BulkImport.App.Security;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Commit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace BulkImport.App.Hubs;

/// <summary>
/// Streams commit progress to non-browser clients (SignalR at /hubs/imports). A client joins an import's group and
/// receives "progress" messages: the same snapshots the screens show. Joining checks that the caller may see the import.
/// </summary>
[Authorize]
public sealed class ImportProgressHub(ImportGate gate, ImportProgressFeed feed, HubConnections connections) : Hub
{
    public const string Path = "/hubs/imports";
    public const string ProgressMessage = "progress";

    public static string GroupOf(int importId) => $"import-{importId}";

    public override Task OnConnectedAsync()
    {
        // Checked again every Security:RevalidationInterval (HubRevalidation): a disabled user's connection is closed.
        connections.Opened(Context);
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Closed(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Starts receiving an import's progress; answers with its latest snapshot.</summary>
    public async Task<ImportProgress> JoinImport(int importId)
    {
        Import import;
        try
        {
            import = await gate.CheckAsync(Context.User!, importId, ImportNeed.See, Context.ConnectionAborted);
        }
        catch (ImportProblem problem)
        {
            throw new HubException(problem.Message);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupOf(importId));
        return feed.Latest(importId) ?? ImportCommitRunner.Snapshot(import, 0, null);
    }

    public Task LeaveImport(int importId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupOf(importId));
}
