using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace BulkImport.App.Hosting;

/// <summary>
/// An address that has no endpoint for any method answers 404 whatever the method. Routing refuses a method (405, with
/// <c>Allow</c>) as soon as a route's shape fits the path, before it checks the route's constraints: the static files'
/// fallback <c>{**path:file}</c> (GET and HEAD) fits every path, so <c>POST /api/auth/register</c> was told the address
/// "does not take POST", as if there were a registration endpoint (SPEC 12: there is none), while its GET was 404. Here a
/// refusal of routing's own stands only when a route of the app, constraints checked, does fit the path; otherwise the
/// request goes on without an endpoint and is answered 404 (problem details for the API, the Not Found page for pages).
/// </summary>
public sealed class AddressesWithoutEndpoint(RequestDelegate next, EndpointDataSource endpoints, ParameterPolicyFactory policies)
{
    /// <summary>Each route's matcher and constraints, made once: they are asked again at every refusal.</summary>
    private readonly ConditionalWeakTable<RouteEndpoint, RouteFit> _fits = new();

    public Task InvokeAsync(HttpContext context)
    {
        if (IsRoutingRefusal(context.GetEndpoint()) && !endpoints.Endpoints.OfType<RouteEndpoint>().Any(e => Fits(e, context)))
        {
            context.SetEndpoint(null);
            context.Request.RouteValues.Clear();
        }

        return next(context);
    }

    /// <summary>Routing's 405 (a method the address does not take) or 415 (a body type it does not take): no route, no metadata.</summary>
    private static bool IsRoutingRefusal(Endpoint? endpoint) => endpoint is { Metadata.Count: 0 } and not RouteEndpoint;

    private bool Fits(RouteEndpoint endpoint, HttpContext context) =>
        // A fallback (MapFallback's order, last of all) is no address of its own: it takes whatever else was asked, and
        // answers 404 for what it does not have.
        endpoint.Order != int.MaxValue
        && _fits.GetValue(endpoint, e => new RouteFit(e.RoutePattern, policies)).Matches(context);

    /// <summary>Whether a path fits one route: its segments, then its constraints (<c>{id:int}</c> does not fit <c>abc</c>).</summary>
    private sealed class RouteFit(RoutePattern pattern, ParameterPolicyFactory policies)
    {
        private readonly TemplateMatcher _matcher = new(new RouteTemplate(pattern), new RouteValueDictionary(pattern.Defaults));

        private readonly IReadOnlyList<(RoutePatternParameterPart Parameter, IRouteConstraint Constraint)> _constraints =
        [
            .. from parameter in pattern.Parameters
               from reference in pattern.ParameterPolicies.GetValueOrDefault(parameter.Name) ?? []
               let policy = policies.Create(parameter, reference)
               where policy is IRouteConstraint
               select (parameter, (IRouteConstraint)policy),
        ];

        public bool Matches(HttpContext context)
        {
            var values = new RouteValueDictionary();
            return _matcher.TryMatch(context.Request.Path, values)
                && _constraints.All(c => Satisfies(c.Parameter, c.Constraint, context, values));
        }

        // As routing does: an optional parameter left out of the path has nothing to check.
        private static bool Satisfies(RoutePatternParameterPart parameter, IRouteConstraint constraint, HttpContext context, RouteValueDictionary values) =>
            (parameter.IsOptional && !values.ContainsKey(parameter.Name))
            || constraint.Match(context, null, parameter.Name, values, RouteDirection.IncomingRequest);
    }
}
