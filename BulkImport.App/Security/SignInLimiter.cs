using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Security;

/// <summary>
/// Limits failed sign-ins (SPEC 22): <see cref="SecurityOptions.FailedSignInsPerAccount"/> per account and
/// <see cref="SecurityOptions.FailedSignInsPerAddress"/> per client address in each <see cref="SecurityOptions.SignInLimitWindow"/>,
/// with .NET's rate limiters (System.Threading.RateLimiting, what ASP.NET Core's rate-limiting middleware runs on).
/// The middleware itself cannot be used: it takes a permit for every request before the password is checked, and
/// successful sign-ins must not count (a hundred colleagues behind one address sign in every morning). So an attempt
/// first asks whether a permit is left (without taking one), and only a failed attempt takes one. While a limit is
/// reached every attempt is refused before its password is checked, so the limit cannot be used to test passwords.
/// </summary>
public sealed class SignInLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _accounts;
    private readonly PartitionedRateLimiter<string> _addresses;

    public SignInLimiter(IOptions<SecurityOptions> options)
    {
        var security = options.Value;
        _accounts = Create(security.FailedSignInsPerAccount, security.SignInLimitWindow);
        _addresses = Create(security.FailedSignInsPerAddress, security.SignInLimitWindow);
    }

    /// <summary>How long the caller must wait before trying again, or null when the attempt may go ahead.</summary>
    public TimeSpan? Refusal(string account, IPAddress? address)
    {
        using var byAccount = _accounts.AttemptAcquire(AccountKey(account), 0);
        using var byAddress = _addresses.AttemptAcquire(AddressKey(address), 0);
        if (byAccount.IsAcquired && byAddress.IsAcquired)
        {
            return null;
        }

        var wait = TimeSpan.Zero;
        foreach (var lease in new[] { byAccount, byAddress })
        {
            if (!lease.IsAcquired && lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > wait)
            {
                wait = retryAfter;
            }
        }

        return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
    }

    /// <summary>Counts one failed attempt against the account and the address.</summary>
    public void RecordFailure(string account, IPAddress? address)
    {
        _accounts.AttemptAcquire(AccountKey(account)).Dispose();
        _addresses.AttemptAcquire(AddressKey(address)).Dispose();
    }

    public void Dispose()
    {
        _accounts.Dispose();
        _addresses.Dispose();
    }

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

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
