using BulkImport.Core.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Security;

/// <summary>
/// A live Blazor circuit keeps the user it started with; this checks that user's security stamp every
/// <see cref="SecurityOptions.RevalidationInterval"/>, so a disabled user (or one whose groups changed) loses the
/// open pages too and is sent to sign in.
/// </summary>
public sealed class CircuitRevalidation(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> identity, IOptions<SecurityOptions> security)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => UserStamp.Interval(security.Value);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await UserStamp.IsCurrentAsync(users, authenticationState.User, identity.Value);
    }
}
