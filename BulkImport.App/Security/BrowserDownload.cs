using Microsoft.AspNetCore.Identity;

namespace BulkImport.App.Security;

/// <summary>
/// The HTTP API is for programs, which sign in with bearer tokens: it does not accept the browser's sign-in cookie, so
/// no page of another site can make a signed-in browser change anything through it (its calls carry no antiforgery
/// token). The exception is the few GET downloads the pages link to (results files, templates): a link cannot send a
/// bearer token, and a GET changes nothing. Such an endpoint is marked with <see cref="AllowBrowserDownload"/>.
/// </summary>
public static class BrowserDownload
{
    /// <summary>Lets the pages link to this GET endpoint of the API: the sign-in cookie is accepted on it.</summary>
    public static RouteHandlerBuilder AllowBrowserDownload(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(Marker.Instance);

    /// <summary>
    /// The scheme that authenticates the request: bearer on the API and the progress hub (but for a marked download),
    /// and elsewhere bearer when the request sends a token, else the sign-in cookie.
    /// </summary>
    public static string SchemeFor(HttpContext context) =>
        (IsForPrograms(context) && !IsBrowserDownload(context)) || context.Request.Headers.Authorization.Count > 0
            ? IdentityConstants.BearerScheme
            : IdentityConstants.ApplicationScheme;

    /// <summary>The API and the progress hub (whose clients are programs: the pages get progress inside their circuit).</summary>
    public static bool IsForPrograms(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs");

    private static bool IsBrowserDownload(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.GetEndpoint()?.Metadata.GetMetadata<Marker>() is not null;

    private sealed class Marker
    {
        public static readonly Marker Instance = new();
    }
}
