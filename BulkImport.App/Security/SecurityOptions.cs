namespace BulkImport.App.Security;

/// <summary>Security settings (configuration section <c>Security</c>).</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// How often a browser session (cookie and live circuit) and an open progress-hub connection are checked against the
    /// user's security stamp, so a user an administrator disabled, or whose groups or password changed, is signed out
    /// within this time. Bearer tokens are checked on every request.
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed sign-ins allowed per account in <see cref="SignInLimitWindow"/> (SPEC 22: 10 a minute).</summary>
    public int FailedSignInsPerAccount { get; set; } = 10;

    /// <summary>Failed sign-ins allowed per client address in <see cref="SignInLimitWindow"/> (SPEC 22: 30 a minute).</summary>
    public int FailedSignInsPerAddress { get; set; } = 30;

    /// <summary>The window the failed sign-ins are counted in.</summary>
    public TimeSpan SignInLimitWindow { get; set; } = TimeSpan.FromMinutes(1);
}
