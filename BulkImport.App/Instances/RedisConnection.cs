using StackExchange.Redis;

namespace BulkImport.App.Instances;

/// <summary>
/// The one connection to Redis (<c>ConnectionStrings:Redis</c>) that the progress bridge and the SignalR backplane share,
/// so both lose and regain Redis together. It never stops the app: an unreachable Redis at start-up or a Redis that stops
/// later leaves the instance on its own progress (said on <c>/health/ready</c>), and StackExchange.Redis reconnects in the
/// background and re-subscribes when Redis is back.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    public const string Setting = "ConnectionStrings:Redis";

    private readonly ILogger<RedisConnection> _logger;
    private readonly Lazy<Task<IConnectionMultiplexer>> _connecting;
    private volatile string? _lastFailure;

    public RedisConnection(IConfiguration configuration, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        ConnectionString = configuration.GetConnectionString("Redis") ?? "";
        _connecting = new Lazy<Task<IConnectionMultiplexer>>(ConnectAsync);
    }

    /// <summary>The setting's value as given (it names the server to the operator in messages).</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Prepended to this app's keys: the connection string's <c>channelPrefix</c> (which StackExchange.Redis already puts
    /// before every channel), so deployments that share one Redis keep apart.
    /// </summary>
    public string KeyPrefix => IsConfigured ? (ConfigurationOptions.Parse(ConnectionString).ChannelPrefix is { IsNullOrEmpty: false } prefix ? prefix.ToString() : "") : "";

    /// <summary>Whether Redis is configured at all; without it the app is a single instance, as before SPEC 22.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>Whether Redis answers right now.</summary>
    public bool IsConnected => _connecting.IsValueCreated && _connecting.Value.IsCompletedSuccessfully && _connecting.Value.Result.IsConnected;

    /// <summary>What <c>/health/ready</c> says about Redis: null when not configured.</summary>
    public string? Status => !IsConfigured ? null
        : IsConnected ? "Connected"
        : $"Unreachable: Redis at '{Endpoints()}' ({Setting}) does not answer{(_lastFailure is { } why ? $" ({why})" : "")}. " +
          "This instance shows only its own imports' live progress until Redis is back; check that Redis runs and the setting names it.";

    /// <summary>The shared multiplexer, connected or still trying.</summary>
    public Task<IConnectionMultiplexer> GetAsync() => _connecting.Value;

    /// <summary>Raised when one of the connections to Redis (commands, subscriptions) answers again after it was lost.</summary>
    public event Action? Restored;

    private async Task<IConnectionMultiplexer> ConnectAsync()
    {
        var options = ConfigurationOptions.Parse(ConnectionString);
        // Start even when Redis is down, and keep trying in the background (the default for a configuration string
        // without abortConnect is to throw at start-up, which would stop the app for a missing progress channel).
        options.AbortOnConnectFail = false;
        // Commands issued while Redis is down fail at once instead of waiting in a queue: progress is sent again by the
        // next batch, and a commit must never wait for a viewer's channel.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ClientName ??= $"bulkimport-{Environment.MachineName}-{Environment.ProcessId}";
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
        multiplexer.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                _lastFailure = e.FailureType.ToString();
                _logger.LogWarning("Redis at {Endpoints} ({Setting}) is lost ({Failure}): this instance shows only its own imports' progress until it is back",
                    Endpoints(), Setting, e.FailureType);
            }
        };
        multiplexer.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                _lastFailure = null;
                _logger.LogInformation("Redis at {Endpoints} is back: progress from other instances flows again", Endpoints());
            }

            // Raised for each of the two connections (commands, subscriptions), which come back in either order: what
            // is done on it is repeatable, and a second go completes what the first could not.
            Restored?.Invoke();
        };
        if (!multiplexer.IsConnected)
        {
            _lastFailure = "not reached at start-up";
            _logger.LogWarning("Redis at {Endpoints} ({Setting}) is not reachable: this instance starts on its own progress and keeps trying",
                Endpoints(), Setting);
        }

        return multiplexer;
    }

    /// <summary>The servers of the connection string, for messages and logs: never its password.</summary>
    public string Endpoints()
    {
        try
        {
            return string.Join(", ", ConfigurationOptions.Parse(ConnectionString).EndPoints.Select(e => e.ToString()));
        }
        catch (ArgumentException)
        {
            return ConnectionString;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connecting.IsValueCreated && _connecting.Value.IsCompletedSuccessfully)
        {
            await _connecting.Value.Result.DisposeAsync();
        }
    }
}
