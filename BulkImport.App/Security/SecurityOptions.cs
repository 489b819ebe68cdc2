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
}
