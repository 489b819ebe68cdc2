using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Security;

/// <summary>
/// Failed sign-ins counted in this process, with .NET's rate limiters (System.Threading.RateLimiting, what ASP.NET Core's
/// rate-limiting middleware runs on): fixed windows partitioned by account and by address. The counts of a single
/// instance, and of any instance while Redis does not answer (<see cref="SignInLimiter"/>).
/// </summary>
/// <remarks>
/// The middleware itself cannot be used: it takes a permit for every request before the password is checked, and
/// successful sign-ins must not count (a hundred colleagues behind one address sign in every morning). So an attempt
/// first asks whether a permit is left (without taking one), and only a failed attempt takes one.
/// </remarks>
public sealed class LocalSignInCounts : IDisposable
{
    private readonly PartitionedRateLimiter<string> _accounts;
    private readonly PartitionedRateLimiter<string> _addresses;

    public LocalSignInCounts(IOptions<SecurityOptions> options)
    {
        var security = options.Value;
        _accounts = Create(security.FailedSignInsPerAccount, security.SignInLimitWindow);
        _addresses = Create(security.FailedSignInsPerAddress, security.SignInLimitWindow);
    }

    /// <summary>How long the caller must wait (the window's length: an upper bound), or null when the attempt may go ahead.</summary>
    public TimeSpan? Refusal(string accountKey, string addressKey)
    {
        using var byAccount = _accounts.AttemptAcquire(accountKey, 0);
        using var byAddress = _addresses.AttemptAcquire(addressKey, 0);
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
    public void RecordFailure(string accountKey, string addressKey)
    {
        _accounts.AttemptAcquire(accountKey).Dispose();
        _addresses.AttemptAcquire(addressKey).Dispose();
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
}
