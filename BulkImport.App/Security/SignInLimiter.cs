using System.Net;
using System.Net.Sockets;
using BulkImport.App.Instances;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BulkImport.App.Security;

/// <summary>
/// Limits failed sign-ins (SPEC 22): <see cref="SecurityOptions.FailedSignInsPerAccount"/> per account and
/// <see cref="SecurityOptions.FailedSignInsPerAddress"/> per client address in each <see cref="SecurityOptions.SignInLimitWindow"/>.
/// An attempt first asks whether it may go ahead, and only a failed attempt is counted, so successful sign-ins count
/// against nothing. While a limit is reached every attempt is refused before its password is checked, so the limit
/// cannot be used to test passwords.
/// </summary>
/// <remarks>
/// With <c>ConnectionStrings:Redis</c> (several instances) the counts are kept in Redis (<see cref="RedisSignInCounts"/>),
/// so all instances share one limit; without it in this process (<see cref="LocalSignInCounts"/>). A Redis that does not
/// answer never stops a sign-in: the attempt is judged by this instance's own count, which is therefore kept always,
/// Redis or not, so it holds this instance's failures from before the outage too. The outage is logged once, as is the
/// return.
/// </remarks>
public sealed class SignInLimiter(LocalSignInCounts local, RedisSignInCounts shared, RedisConnection redis, IOptions<SecurityOptions> options, ILogger<SignInLimiter> logger)
{
    /// <summary>The longest a sign-in waits for Redis before it is judged by this instance's count (Redis hung, not down).</summary>
    public static readonly TimeSpan RedisPatience = TimeSpan.FromSeconds(2);

    private int _redisFailing;

    /// <summary>
    /// How long the caller must wait before trying again, or null when the attempt may go ahead. The wait is the whole
    /// window, whichever count refused: an attempt refused now comes after the failure that locked the account
    /// (Identity's lockout lasts one window, AuthSetup), so after a window both the count and the lock have lapsed.
    /// The count's own wait was shorter than the lock (the oldest failure leaves first): a client that waited
    /// Retry-After: 60 was still refused, and the same answer for every account keeps the lock from telling who exists.
    /// </summary>
    public async Task<TimeSpan?> RefusalAsync(string account, IPAddress? address) =>
        await CountsRefusalAsync(account, address) is null ? null : options.Value.SignInLimitWindow;

    private async Task<TimeSpan?> CountsRefusalAsync(string account, IPAddress? address)
    {
        var (accountKey, addressKey) = (AccountKey(account), AddressKey(address));
        if (shared.IsConfigured)
        {
            try
            {
                var refusal = await shared.RefusalAsync(accountKey, addressKey).WaitAsync(RedisPatience);
                RedisAnswered();
                return refusal;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                RedisFailed(e);
            }
        }

        return local.Refusal(accountKey, addressKey);
    }

    /// <summary>Counts one failed attempt against the account and the address.</summary>
    public async Task RecordFailureAsync(string account, IPAddress? address)
    {
        var (accountKey, addressKey) = (AccountKey(account), AddressKey(address));
        local.RecordFailure(accountKey, addressKey);
        if (!shared.IsConfigured)
        {
            return;
        }

        try
        {
            await shared.RecordFailureAsync(accountKey, addressKey).WaitAsync(RedisPatience);
            RedisAnswered();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            RedisFailed(e);
        }
    }

    private void RedisFailed(Exception e)
    {
        if (Interlocked.Exchange(ref _redisFailing, 1) == 0)
        {
            logger.LogWarning("Redis at '{Redis}' ({Setting}) does not answer ({Reason}): failed sign-ins are counted by this instance alone " +
                "until it is back, so each instance allows its own limit", redis.Endpoints(), RedisConnection.Setting, e.Message);
        }
    }

    private void RedisAnswered()
    {
        if (Interlocked.Exchange(ref _redisFailing, 0) == 1)
        {
            logger.LogInformation("Redis answers again: failed sign-ins are counted for all instances together");
        }
    }

    private static string AccountKey(string account) => account.Trim().ToUpperInvariant();

    /// <summary>An IPv6 client is counted by its /64 network: one host is usually given a whole /64 to pick addresses from.</summary>
    private static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
