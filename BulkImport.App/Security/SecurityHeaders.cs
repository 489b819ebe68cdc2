using System.Security.Cryptography;

namespace BulkImport.App.Security;

/// <summary>
/// Security headers on every response. The Content-Security-Policy allows what Blazor Server and MudBlazor need and
/// nothing more: scripts only from this site (plus the import map Blazor writes inline, by a per-request nonce),
/// inline styles (MudBlazor sets style attributes and writes its theme as a style element), images and fonts from
/// this site or data: URIs, and connections back to this site (the circuit's WebSocket). No framing, no plugins,
/// forms post only here.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private const string NonceKey = "BulkImport.CspNonce";

    /// <summary>The nonce of this request, for the inline scripts the app itself writes (the import map).</summary>
    public static string NonceOf(HttpContext context) => context.Items[NonceKey] as string ?? "";

    public Task InvokeAsync(HttpContext context)
    {
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy =
                "default-src 'self'; " +
                $"script-src 'self' 'nonce-{nonce}'; " +
                "style-src 'self' 'unsafe-inline'; " +
                "img-src 'self' data:; " +
                "font-src 'self' data:; " +
                "connect-src 'self'; " +
                "object-src 'none'; " +
                "base-uri 'self'; " +
                "form-action 'self'; " +
                "frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
