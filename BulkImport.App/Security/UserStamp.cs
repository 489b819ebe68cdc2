using System.Security.Claims;
using BulkImport.Core.Security;
using Microsoft.AspNetCore.Identity;

namespace BulkImport.App.Security;

/// <summary>Whether a signed-in principal still stands for its user: the user exists, is not disabled, and the security stamp it carries is current.</summary>
public static class UserStamp
{
    public static async Task<bool> IsCurrentAsync(UserManager<AppUser> users, ClaimsPrincipal principal, IdentityOptions identity) =>
        await CurrentUserAsync(users, principal, identity) is not null;

    /// <summary>The user the principal stands for, read now; null when they are gone, disabled, or changed since it was issued.</summary>
    public static async Task<AppUser?> CurrentUserAsync(UserManager<AppUser> users, ClaimsPrincipal principal, IdentityOptions identity)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || user.IsDisabled)
        {
            return null;
        }

        var stamp = principal.FindFirstValue(identity.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user) ? user : null;
    }

    /// <summary>The revalidation interval of long-lived connections (circuits, hub connections); at least a second.</summary>
    public static TimeSpan Interval(SecurityOptions security) =>
        security.RevalidationInterval < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : security.RevalidationInterval;
}
