using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using BulkImport.Core.Imports.Commit;
using BulkImport.App.Hubs;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace BulkImport.App.Instances;

/// <summary>
/// Carries progress between instances over one Redis pub/sub channel (SPEC 22): this instance's snapshots go out, the
/// other instances' snapshots come in to the feed that the pages read. A snapshot that could not be sent while Redis
/// was down is kept (the newest per import) and sent again, with the SignalR relay, when Redis is back, so a viewer
/// elsewhere catches up even with an import that ended during the outage. Each instance also keeps the newest snapshot of
/// each of its imports in a Redis hash for an hour, and reads the others' when its own connection comes back: whichever
/// instance reconnects first, the viewer catches up.
/// </summary>
public sealed class RedisProgressBridge(RedisConnection redis, ImportProgressFeed feed, HubLifetimeManager<ImportProgressHub> hub,
    ILogger<RedisProgressBridge> logger) : IHostedService
{
    /// <summary>How long the newest snapshots stay in Redis after the last one was written.</summary>
    private static readonly TimeSpan LatestKept = TimeSpan.FromHours(1);

    public static readonly RedisChannel Channel = RedisChannel.Literal("bulkimport:progress");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Tells this instance's messages from the others' on the shared channel.</summary>
    private readonly string _instance = Guid.NewGuid().ToString("N");

    private readonly ConcurrentDictionary<int, ImportProgress> _unsent = new();
    private IDisposable? _subscription;
    private IConnectionMultiplexer? _multiplexer;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsConfigured)
        {
            return;
        }

        _multiplexer = await redis.GetAsync();
        _subscription = feed.SubscribeOwn(Send);
        redis.Restored += SendUnsent;
        try
        {
            // Registered even while Redis is down: StackExchange.Redis subscribes when it connects.
            await _multiplexer.GetSubscriber().SubscribeAsync(Channel, (_, message) => Receive(message));
        }
        catch (RedisException e)
        {
            logger.LogWarning("Could not subscribe to progress from other instances yet ({Message}); it is done when Redis connects", e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.Restored -= SendUnsent;
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    private void Send(ImportProgress progress)
    {
        if (_multiplexer is not { IsConnected: true } multiplexer)
        {
            _unsent[progress.ImportId] = progress;
            return;
        }

        try
        {
            var message = JsonSerializer.Serialize(new Envelope(_instance, progress), Json);
            // Fire and forget: the committer publishes after every batch and never waits for viewers.
            multiplexer.GetSubscriber().Publish(Channel, message, CommandFlags.FireAndForget);
            var latest = multiplexer.GetDatabase();
            latest.HashSet(LatestKey, progress.ImportId, message, flags: CommandFlags.FireAndForget);
            latest.KeyExpire(LatestKey, LatestKept, CommandFlags.FireAndForget);
            _unsent.TryRemove(progress.ImportId, out _);
        }
        catch (RedisException)
        {
            _unsent[progress.ImportId] = progress;
        }
    }

    private void Receive(RedisValue message)
    {
        try
        {
            if (JsonSerializer.Deserialize<Envelope>(message.ToString(), Json) is { } envelope && envelope.Instance != _instance && envelope.Progress is { } progress)
            {
                feed.PublishFromOtherInstance(progress);
            }
        }
        catch (JsonException e)
        {
            logger.LogWarning("A progress message on {Channel} could not be read and was dropped: {Message}", Channel, e.Message);
        }
    }

    private RedisKey LatestKey => redis.KeyPrefix + "bulkimport:progress:latest";

    private void SendUnsent()
    {
        _ = CatchUpAsync();
        foreach (var importId in _unsent.Keys)
        {
            if (_unsent.TryRemove(importId, out var progress))
            {
                // Through the feed again: this relay sends it to Redis, and the SignalR relay to the backplane.
                feed.Publish(progress);
            }
        }
    }

    /// <summary>Delivers the other instances' newest snapshots that this instance missed while Redis was down.</summary>
    private async Task CatchUpAsync()
    {
        try
        {
            foreach (var entry in await _multiplexer!.GetDatabase().HashGetAllAsync(LatestKey))
            {
                if (JsonSerializer.Deserialize<Envelope>(entry.Value.ToString(), Json) is { Progress: { } progress } envelope && envelope.Instance != _instance
                    && feed.Latest(progress.ImportId) != progress)
                {
                    feed.PublishFromOtherInstance(progress);
                    // This instance's hub members missed it too: straight to them, not through a backplane whose
                    // subscriptions may still be coming back.
                    if (hub is ResilientHubLifetimeManager<ImportProgressHub> resilient)
                    {
                        await resilient.SendGroupHereAsync(ImportProgressHub.GroupOf(progress.ImportId), ImportProgressHub.ProgressMessage, [progress]);
                    }
                }
            }
        }
        catch (Exception e) when (e is RedisException or JsonException)
        {
            logger.LogWarning("Catching up with other instances' progress after Redis came back failed: {Message}", e.Message);
        }
    }

    private sealed record Envelope(string Instance, ImportProgress? Progress);
}
