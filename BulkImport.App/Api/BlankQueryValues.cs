using Microsoft.Extensions.Primitives;

namespace BulkImport.App.Api;

/// <summary>
/// A query parameter of the API given without a value means "not given": SPEC 12 writes its filters as
/// <c>?status=&amp;domain=&amp;page=&amp;pageSize=</c>, and a script that fills in only some of them sends the others
/// blank. Removed before the endpoint binds them, a blank <c>page</c> takes its default instead of failing to bind as a
/// number, just as a blank <c>status</c> already meant every status.
/// </summary>
public sealed class BlankQueryValues(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.QueryString.HasValue && request.Path.StartsWithSegments("/api") && request.Query.Any(p => IsBlank(p.Value)))
        {
            request.QueryString = QueryString.Create(request.Query
                .Where(p => !IsBlank(p.Value))
                .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v))));
        }

        return next(context);
    }

    private static bool IsBlank(StringValues values) => values.All(string.IsNullOrWhiteSpace);
}
