using System.Security.Claims;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Security;

/// <summary>
/// Reads a signed-in user as they are now. A live page (a Blazor circuit) keeps the principal it was opened with, and
/// the circuit is revalidated only every <see cref="SecurityOptions.RevalidationInterval"/>: an action taken on the page
/// must not rest on groups the user may have lost since. Each read uses its own scope, so no context of the circuit
/// hands back a user it loaded earlier.
/// </summary>
public sealed class CurrentUsers(IServiceScopeFactory scopes, IOptions<IdentityOptions> identity)
{
    public const string SignedOutMessage = "Your sign-in has ended: an administrator disabled your account or changed its groups or password. Sign in again.";

    /// <summary>The user's principal with their current groups; a 401 problem when they are gone, disabled or changed since signing in.</summary>
    public async Task<ClaimsPrincipal> CurrentAsync(ClaimsPrincipal signedIn, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (signedIn.Identity?.IsAuthenticated != true)
        {
            throw SignedOut();
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await UserStamp.CurrentUserAsync(users, signedIn, identity.Value) ?? throw SignedOut();
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
    }

    private static ImportProblem SignedOut() => new(StatusCodes.Status401Unauthorized, "Signed out", SignedOutMessage);
}
