using System.Security.Cryptography;
using System.Text;
using BulkImport.App.Instances;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BulkImport.App.Security;

/// <summary>
/// Failed sign-ins counted in Redis (<c>ConnectionStrings:Redis</c>), so every instance of a deployment counts against
/// one limit: with each instance counting its own, two instances let an account have 20 passwords checked a minute.
/// A sliding window: each failure is a member of a sorted set per account and per address, scored with the time it
/// happened; failures older than the window are dropped before counting, and the key expires a window after the last
/// failure. Each step is one Lua script, so concurrent attempts on several instances see one consistent count.
/// </summary>
/// <remarks>
/// Times are Redis's own clock (<c>TIME</c>), never an instance's, so instances whose clocks differ count alike (as
/// leases are judged on the database's clock). The wait told is exact: until the failure that keeps the limit reached
/// leaves the window. Keys are hashes of the account and the address, so Redis's key space does not list who is being
/// guessed at; they carry the connection's <c>channelPrefix</c>, which keeps deployments sharing one Redis apart.
/// </remarks>
public sealed class RedisSignInCounts(RedisConnection redis, IOptions<SecurityOptions> options)
{
    // KEYS[1]: one account's or address's failures. ARGV[1]: the window in ms; ARGV[2]: the limit.
    // Returns -1 while fewer than the limit are in the window, else the ms until one of them leaves it.
    private const string RefusalScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local window = tonumber(ARGV[1])
        local limit = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        local count = redis.call('ZCARD', KEYS[1])
        if count < limit then return -1 end
        local first = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
        return tonumber(first[2]) + window - now
        """;

    // KEYS[1]: one account's or address's failures. ARGV[1]: the window in ms; ARGV[2]: this failure's unique member.
    private const string FailureScript = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local window = tonumber(ARGV[1])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        redis.call('ZADD', KEYS[1], now, ARGV[2])
        redis.call('PEXPIRE', KEYS[1], window)
        return 1
        """;

    /// <summary>Whether a deployment's Redis is configured: without it the app is a single instance and counts in process.</summary>
    public bool IsConfigured => redis.IsConfigured;

    /// <summary>How long the caller must wait, or null when the attempt may go ahead. Throws when Redis does not answer.</summary>
    public async Task<TimeSpan?> RefusalAsync(string accountKey, string addressKey)
    {
        var database = (await redis.GetAsync()).GetDatabase();
        var security = options.Value;
        var window = WindowMilliseconds(security);
        // Two scripts rather than one over both keys: the keys may live on different nodes of a Redis cluster.
        var waits = await Task.WhenAll(
            database.ScriptEvaluateAsync(RefusalScript, [Key("account", accountKey)], [window, Math.Max(1, security.FailedSignInsPerAccount)]),
            database.ScriptEvaluateAsync(RefusalScript, [Key("address", addressKey)], [window, Math.Max(1, security.FailedSignInsPerAddress)]));
        var wait = waits.Max(w => (long)w);
        return wait < 0 ? null : TimeSpan.FromMilliseconds(Math.Max(1, wait));
    }

    /// <summary>Counts one failed attempt against the account and the address. Throws when Redis does not answer.</summary>
    public async Task RecordFailureAsync(string accountKey, string addressKey)
    {
        var database = (await redis.GetAsync()).GetDatabase();
        var window = WindowMilliseconds(options.Value);
        var failure = Guid.NewGuid().ToString("N");
        await Task.WhenAll(
            database.ScriptEvaluateAsync(FailureScript, [Key("account", accountKey)], [window, failure]),
            database.ScriptEvaluateAsync(FailureScript, [Key("address", addressKey)], [window, failure]));
    }

    private static long WindowMilliseconds(SecurityOptions security) => Math.Max(1, (long)security.SignInLimitWindow.TotalMilliseconds);

    private RedisKey Key(string kind, string key) =>
        $"{redis.KeyPrefix}bulkimport:signin-failures:{kind}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}";
}
