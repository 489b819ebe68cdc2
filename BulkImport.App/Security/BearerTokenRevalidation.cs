using System.Security.Claims;
using BulkImport.Core.Security;
using Microsoft.AspNetCore.Identity;

namespace BulkImport.App.Security;

/// <summary>
/// Identity's bearer tokens are self-contained and live an hour; on their own they would keep working after an
/// administrator disabled the user or changed their groups or password. Every request that presents a token, and every
/// API request (the downloads a signed-in browser may fetch with its cookie), is checked against the user's current
/// security stamp; a stale one makes the request anonymous (401 where sign-in is needed).
/// </summary>
public sealed class BearerTokenRevalidation(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, SignInManager<AppUser> signIn)
    {
        if (context.User.Identity?.IsAuthenticated == true && (PresentsToken(context.Request) || BrowserDownload.IsForPrograms(context))
            && await signIn.ValidateSecurityStampAsync(context.User) is not { IsDisabled: false })
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }

        await next(context);
    }

    private static bool PresentsToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || (request.Path.StartsWithSegments("/hubs") && request.Query.ContainsKey("access_token"));
}
