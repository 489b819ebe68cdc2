using System.Net;
using BulkImport.Core.Security;
using Microsoft.AspNetCore.Identity;

namespace BulkImport.App.Security;

/// <summary>What became of a sign-in attempt.</summary>
public enum SignInOutcome
{
    SignedIn,
    /// <summary>Email or password left blank: nothing was checked.</summary>
    Incomplete,
    /// <summary>Wrong password, unknown, disabled or locked account: one answer for all, so none can be told apart.</summary>
    Failed,
    /// <summary>Too many failed attempts for the account or from the address (SPEC 22).</summary>
    Limited,
}

/// <summary>
/// Signs a person in with email and password, for the API login and the sign-in page alike: failed attempts are limited
/// (<see cref="SignInLimiter"/>), and a wrong password, an unknown account, a disabled one and a locked one get the same
/// answer in about the same time, so an attacker cannot learn which accounts exist or are locked.
/// </summary>
public sealed class PasswordSignIn(SignInManager<AppUser> signIn, SignInLimiter limiter)
{
    public const string FailedMessage = "The email or password is wrong, or the account is locked or disabled. Ask an administrator if you cannot sign in.";
    public const string IncompleteMessage = "Enter your email and password.";

    // A hash to check unknown and locked accounts against, so they take as long to refuse as a wrong password.
    private static readonly Lazy<string> StandInHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString("N")));

    /// <summary>The wait a <see cref="SignInOutcome.Limited"/> attempt was told.</summary>
    public TimeSpan RetryAfter { get; private set; }

    /// <summary>Signs in with <paramref name="scheme"/> (the cookie for the page, bearer tokens for the API).</summary>
    public async Task<SignInOutcome> SignInAsync(string? email, string? password, string scheme, IPAddress? address)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return SignInOutcome.Incomplete;
        }

        email = email.Trim();
        if (await limiter.RefusalAsync(email, address) is { } wait)
        {
            RetryAfter = wait;
            return SignInOutcome.Limited;
        }

        var user = await signIn.UserManager.FindByNameAsync(email);
        if (user is null || await signIn.UserManager.IsLockedOutAsync(user))
        {
            // Identity refuses these without checking the password: spend the same time as a check would.
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(user ?? new AppUser(), StandInHash.Value, password);
            await limiter.RecordFailureAsync(email, address);
            return SignInOutcome.Failed;
        }

        signIn.AuthenticationScheme = scheme;
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return SignInOutcome.SignedIn;
        }

        await limiter.RecordFailureAsync(email, address);
        return SignInOutcome.Failed;
    }

    /// <summary>The Retry-After value: whole seconds, rounded up.</summary>
    public static string Seconds(TimeSpan wait) => ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
