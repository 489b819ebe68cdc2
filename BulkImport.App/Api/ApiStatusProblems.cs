using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace BulkImport.App.Api;

/// <summary>
/// The API's answers that no endpoint wrote (SPEC 12: "problem details with a message a person can act on"): a request
/// without sign-in, an address that names no endpoint (<c>/api/imports/abc</c>), a method the address does not take, a
/// body that is not JSON, and a permission group that may not call the endpoint, which names the groups that may. Pages
/// keep the framework's answers (a sign-in redirect, the Not Found page).
/// </summary>
public sealed class ApiStatusProblems(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api");

    /// <summary>A browser's GET of a page (it accepts HTML): answered with a page, whatever its status.</summary>
    public static bool IsPageNavigation(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method) && !IsApi(http) && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    /// <summary>For <c>UseStatusCodePages</c>: the API's status codes with a detail, everything else as the framework answers it.</summary>
    public static Func<StatusCodeContext, Task> Handler()
    {
        var framework = new StatusCodePagesOptions().HandleAsync;
        return context => IsApi(context.HttpContext)
            ? context.HttpContext.RequestServices.GetRequiredService<ApiStatusProblems>().WriteAsync(context.HttpContext, Detail(context.HttpContext))
            : framework(context);
    }

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged && IsApi(context) && context.GetEndpoint() is { Metadata.Count: 0 } endpoint && endpoint is not RouteEndpoint)
        {
            // Routing's own refusal (415 for a body that is not JSON, 405 for a method the address does not take) says
            // nothing about the data: anyone may hear it, also before sign-in (a login sent as text/plain was told to sign in).
            await next(context);
            return;
        }

        if (authorizeResult.Forbidden && IsApi(context))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await WriteAsync(context, ForbiddenDetail(context, authorizeResult.AuthorizationFailure));
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private async Task WriteAsync(HttpContext http, string detail)
    {
        var status = http.Response.StatusCode;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = ReasonPhrases(status), Detail = detail },
        });
    }

    private static string Detail(HttpContext http) => http.Response.StatusCode switch
    {
        StatusCodes.Status401Unauthorized =>
            "Sign in first: POST /api/auth/login with {\"email\", \"password\"}, then send 'Authorization: Bearer <accessToken>'. "
            + "An expired token is renewed with POST /api/auth/refresh and the refreshToken.",
        StatusCodes.Status403Forbidden => ForbiddenDetail(http, null),
        StatusCodes.Status404NotFound =>
            $"There is nothing at {http.Request.Method} {http.Request.Path}. Check the address against the API (docs/api.md); "
            + "the IDs in an address are whole numbers, such as /api/imports/12.",
        StatusCodes.Status415UnsupportedMediaType =>
            $"{http.Request.Method} {http.Request.Path} takes a JSON body: send it with Content-Type: application/json, as docs/api.md shows.",
        StatusCodes.Status405MethodNotAllowed =>
            $"{http.Request.Path} does not take {http.Request.Method}. Check the method against the API (docs/api.md).",
        _ => ReasonPhrases(http.Response.StatusCode),
    };

    /// <summary>Which permission groups may do what was refused, and which the user is in.</summary>
    private static string ForbiddenDetail(HttpContext http, AuthorizationFailure? failure)
    {
        var allowed = failure?.FailedRequirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Distinct().ToList() ?? [];
        var mine = BulkImport.Core.Security.Roles.All.Where(http.User.IsInRole).ToList();
        var yours = mine.Count == 0 ? "no permission group" : $"the permission group{(mine.Count == 1 ? "" : "s")} {string.Join(", ", mine)}";
        return allowed.Count == 0
            ? $"You are signed in with {yours}, which may not do this. Ask an administrator if you need it."
            : $"This is for the permission group{(allowed.Count == 1 ? "" : "s")} {string.Join(" or ", allowed)}; you are signed in with {yours}. Ask an administrator if you need it.";
    }

    private static string ReasonPhrases(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
