using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using StackExchange.Redis;

namespace BulkImport.App.Instances;

/// <summary>
/// The progress hub's connections and groups, on the SignalR Redis backplane when Redis is configured (SPEC 22: a viewer on
/// any instance receives a commit running on any other) and on this instance alone while Redis does not answer.
/// Every connection and group is kept both in this instance's store and on the backplane; a message goes through Redis
/// when it is connected (Redis hands it back to this instance's members too) and straight to this instance's members
/// when not. The backplane alone would refuse every hub connection while Redis is down.
/// </summary>
public sealed class ResilientHubLifetimeManager<THub> : HubLifetimeManager<THub> where THub : Hub
{
    private readonly DefaultHubLifetimeManager<THub> _local;
    private readonly RedisHubLifetimeManager<THub>? _backplane;
    private readonly RedisConnection _redis;

    public ResilientHubLifetimeManager(IServiceProvider services, RedisConnection redis)
    {
        _redis = redis;
        _local = ActivatorUtilities.CreateInstance<DefaultHubLifetimeManager<THub>>(services);
        _backplane = redis.IsConfigured ? ActivatorUtilities.CreateInstance<RedisHubLifetimeManager<THub>>(services) : null;
    }

    private bool UseBackplane => _backplane is not null && _redis.IsConnected;

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await _local.OnConnectedAsync(connection);
        await OnBackplane(b => b.OnConnectedAsync(connection));
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        await _local.OnDisconnectedAsync(connection);
        await OnBackplane(b => b.OnDisconnectedAsync(connection));
    }

    public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await _local.AddToGroupAsync(connectionId, groupName, cancellationToken);
        await OnBackplane(b => b.AddToGroupAsync(connectionId, groupName, cancellationToken));
    }

    public override async Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await _local.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
        await OnBackplane(b => b.RemoveFromGroupAsync(connectionId, groupName, cancellationToken));
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Send(b => b.SendAllAsync(methodName, args, cancellationToken), l => l.SendAllAsync(methodName, args, cancellationToken));

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        Send(b => b.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken),
            l => l.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken));

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Send(b => b.SendConnectionAsync(connectionId, methodName, args, cancellationToken),
            l => l.SendConnectionAsync(connectionId, methodName, args, cancellationToken));

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Send(b => b.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken),
            l => l.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken));

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Send(b => b.SendGroupAsync(groupName, methodName, args, cancellationToken),
            l => l.SendGroupAsync(groupName, methodName, args, cancellationToken));

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Send(b => b.SendGroupsAsync(groupNames, methodName, args, cancellationToken),
            l => l.SendGroupsAsync(groupNames, methodName, args, cancellationToken));

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        Send(b => b.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken),
            l => l.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken));

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Send(b => b.SendUserAsync(userId, methodName, args, cancellationToken), l => l.SendUserAsync(userId, methodName, args, cancellationToken));

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        Send(b => b.SendUsersAsync(userIds, methodName, args, cancellationToken), l => l.SendUsersAsync(userIds, methodName, args, cancellationToken));

    /// <summary>Sends to this instance's members of a group only (a catch-up this instance missed; the others have theirs).</summary>
    public Task SendGroupHereAsync(string groupName, string methodName, object?[] args) => _local.SendGroupAsync(groupName, methodName, args);

    /// <summary>Keeps the backplane's books for a connection or group; while Redis is down only this instance's count.</summary>
    private async Task OnBackplane(Func<RedisHubLifetimeManager<THub>, Task> action)
    {
        if (_backplane is null)
        {
            return;
        }

        try
        {
            await action(_backplane);
        }
        catch (RedisException)
        {
            // Redis is down: the connection still works on this instance (the local store has it).
        }
    }

    private async Task Send(Func<RedisHubLifetimeManager<THub>, Task> throughRedis, Func<DefaultHubLifetimeManager<THub>, Task> local)
    {
        if (UseBackplane)
        {
            try
            {
                await throughRedis(_backplane!);
                return;
            }
            catch (RedisException)
            {
                // Lost between the check and the send: this instance's members still get it.
            }
        }

        await local(_local);
    }
}
