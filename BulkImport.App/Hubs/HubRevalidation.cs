using BulkImport.App.Security;
using BulkImport.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Hubs;

/// <summary>
/// A hub connection keeps the user it was opened with, as a circuit does. Every
/// <see cref="SecurityOptions.RevalidationInterval"/> each open connection's user is checked as circuits are
/// (<see cref="UserStamp"/>); the connection of a user who was disabled, or whose groups or password changed, is closed.
/// </summary>
public sealed class HubRevalidation(HubConnections connections, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> identity,
    IOptions<SecurityOptions> security, ILogger<HubRevalidation> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(UserStamp.Interval(security.Value));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Checking the progress hub's connections failed; they are checked again at the next interval");
            }
        }
    }

    private async Task CheckAsync()
    {
        var open = connections.Open;
        if (open.Count == 0)
        {
            return;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var connection in open)
        {
            if (connection.User is not { } user || !await UserStamp.IsCurrentAsync(users, user, identity.Value))
            {
                logger.LogInformation("Closing progress hub connection {ConnectionId}: its user is no longer signed in", connection.ConnectionId);
                connections.Closed(connection.ConnectionId);
                connection.Abort();
            }
        }
    }
}
