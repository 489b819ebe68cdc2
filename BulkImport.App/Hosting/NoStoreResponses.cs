using Microsoft.Net.Http.Headers;

namespace BulkImport.App.Hosting;

/// <summary>
/// <c>Cache-Control: no-store</c> on every response that does not say how it may be cached: the API's JSON, the results
/// and template CSV files and the pages all carry personal data (names, SSNs, birth dates), which a shared computer's
/// browser cache or a proxy must not keep. The static assets (scripts, styles, the icon) say how they may be cached
/// and keep it; nothing else the app serves is worth caching.
/// </summary>
public sealed class NoStoreResponses(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (!CacheControlHeaderValue.TryParse(headers.CacheControl.ToString(), out var cacheControl) || !(cacheControl.NoStore || IsStaticAsset(context)))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>A file of the app's own (MapStaticAssets), the same for everybody.</summary>
    private static bool IsStaticAsset(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null;
}
