using System.Security.Claims;
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
        api.MapPost("/login", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (LoginRequest request, SignInManager<AppUser> signIn) =>
        {
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            return await PasswordSignInAsync(signIn, request.Email, request.Password) is { } problem
                ? TypedResults.Problem(problem, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed")
                : TypedResults.Empty;
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
        account.MapPost("/signin", async (HttpContext http, SignInManager<AppUser> signIn) =>
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

            signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
            var problem = await PasswordSignInAsync(signIn, form["email"], form["password"]);
            return problem is null
                ? Results.LocalRedirect(returnUrl)
                : Results.Redirect($"/account/login?failed=1&returnUrl={Uri.EscapeDataString(returnUrl)}");
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

    private static async Task<string?> PasswordSignInAsync(SignInManager<AppUser> signIn, string? email, string? password)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return "Enter your email and password.";
        }

        var result = await signIn.PasswordSignInAsync(email.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return "This account is disabled or locked. Ask an administrator.";
        }

        return result.Succeeded ? null : "The email or password is wrong.";
    }

    /// <summary>The name recorded on imports for the signed-in user.</summary>
    public static string NameOf(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";
}
