using System.Security.Claims;
using BulkImport.App.Security;
using BulkImport.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Api;

/// <summary>
/// Sign-in. The API gets Identity's bearer tokens ({accessToken, refreshToken, expiresIn}) from login and refresh only:
/// there is no self-registration; users are created by an administrator. The browser signs in with a form post
/// that sets the cookie.
/// </summary>
public static class AuthEndpoints
{
    public sealed record LoginRequest(string? Email, string? Password);

    public sealed record RefreshRequest(string? RefreshToken);

    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Sign-in").AllowAnonymous();
        api.MapPost("/login", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (LoginRequest request, HttpContext http, PasswordSignIn signIn) =>
        {
            switch (await signIn.SignInAsync(request.Email, request.Password, IdentityConstants.BearerScheme, http.Connection.RemoteIpAddress))
            {
                case SignInOutcome.SignedIn:
                    return TypedResults.Empty;
                case SignInOutcome.Limited:
                    http.Response.Headers.RetryAfter = PasswordSignIn.Seconds(signIn.RetryAfter);
                    return TypedResults.Problem(LimitedMessage(signIn.RetryAfter), statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed sign-ins", type: ProblemHandler.TooManyRequestsType);
                case SignInOutcome.Incomplete:
                    return TypedResults.Problem(PasswordSignIn.IncompleteMessage, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
                default:
                    return TypedResults.Problem(PasswordSignIn.FailedMessage, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
            }
        });

        api.MapPost("/refresh", async Task<Results<SignInHttpResult, ProblemHttpResult>> (
            RefreshRequest request, SignInManager<AppUser> signIn, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock) =>
        {
            var protector = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
            var ticket = request.RefreshToken is { Length: > 0 } token ? protector.Unprotect(token) : null;
            if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
                || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user || user.IsDisabled)
            {
                return TypedResults.Problem("The refresh token is invalid or expired. Sign in again.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in expired");
            }

            var principal = await signIn.CreateUserPrincipalAsync(user);
            return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
        });

        var account = app.MapGroup("/account").AllowAnonymous().ExcludeFromDescription()
            .WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute());
        account.MapPost("/signin", async (HttpContext http, PasswordSignIn signIn) =>
        {
            if (!AntiforgeryValid(http))
            {
                // Not posted from our sign-in page (or the page is stale): show a fresh one rather than an error.
                return Results.Redirect("/account/login");
            }

            var form = await http.Request.ReadFormAsync();
            var returnUrl = form["returnUrl"].ToString();
            if (string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//") || returnUrl.StartsWith("/\\"))
            {
                returnUrl = "/imports";
            }

            // A browser is sent back to the page, which says why (the same words as the API); the API answers 429 itself.
            var back = $"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}";
            return await signIn.SignInAsync(form["email"], form["password"], IdentityConstants.ApplicationScheme, http.Connection.RemoteIpAddress) switch
            {
                SignInOutcome.SignedIn => Results.LocalRedirect(returnUrl),
                SignInOutcome.Limited => Results.Redirect($"{back}&retryAfter={PasswordSignIn.Seconds(signIn.RetryAfter)}"),
                _ => Results.Redirect($"{back}&failed=1"),
            };
        });
        account.MapPost("/signout", async (HttpContext http) =>
        {
            if (!AntiforgeryValid(http))
            {
                return Results.Redirect("/account/login");
            }

            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Results.Redirect("/account/login");
        });
    }

    /// <summary>Whether the form carries the antiforgery token of a page we served (the middleware checked it; reading the form would throw otherwise).</summary>
    private static bool AntiforgeryValid(HttpContext http) =>
        http.Features.Get<Microsoft.AspNetCore.Antiforgery.IAntiforgeryValidationFeature>() is not { IsValid: false };

    /// <summary>What a limited attempt is told, on the page and in the API.</summary>
    public static string LimitedMessage(TimeSpan wait) =>
        $"Too many failed sign-ins for this account or from this address. Try again in {PasswordSignIn.Seconds(wait)} seconds.";

    /// <summary>The name recorded on imports for the signed-in user.</summary>
    public static string NameOf(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
