using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Security;

/// <summary>
/// Every endpoint × every principal answers as <see cref="AuthorizationMatrix"/> says, and the table covers exactly the
/// endpoints the app maps (static files aside): a new endpoint without a row fails here until someone decides who may use it.
/// </summary>
public sealed class AuthorizationMatrixTests(MatrixApp fixture) : IClassFixture<MatrixApp>
{
    public static TheoryData<string> Rows() => [.. AuthorizationMatrix.Rules.Select(r => r.Endpoint)];

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Each_principal_gets_the_answer_the_table_gives(string endpoint)
    {
        var rule = AuthorizationMatrix.Rules.Single(r => r.Endpoint == endpoint);
        var wrong = new List<string>();
        foreach (var principal in Enum.GetValues<Principal>())
        {
            using var request = await rule.Request(fixture);
            using var response = await fixture.For(principal).SendAsync(request);
            var expected = rule.For(principal);
            if (!expected.Matches(response))
            {
                var body = await response.Content.ReadAsStringAsync();
                wrong.Add($"{principal}: expected {expected}, got {(int)response.StatusCode}{(response.Headers.Location is { } l ? " to " + l : "")} {body[..Math.Min(body.Length, 200)]}");
            }
            else if (request.RequestUri!.OriginalString.StartsWith("/api/", StringComparison.Ordinal) && (int)response.StatusCode >= 400
                && await DetailAsync(response) is not { Length: > 0 })
            {
                // SPEC 12: every refusal of the API is problem details with a message a person can act on.
                wrong.Add($"{principal}: {(int)response.StatusCode} without a detail: {await response.Content.ReadAsStringAsync()}");
            }
        }

        wrong.Should().BeEmpty($"{rule.Endpoint} must answer as the matrix says");
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response)
    {
        try
        {
            var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            return problem.TryGetProperty("detail", out var detail) ? detail.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    [Fact]
    public void Every_endpoint_the_app_maps_has_a_row_in_the_table()
    {
        var inTable = AuthorizationMatrix.Rules.Select(KeyOf).ToHashSet();

        MappedEndpoints().Where(e => !inTable.Contains(e)).Should().BeEmpty(
            "every endpoint needs a row in AuthorizationMatrix saying who may use it");
    }

    [Fact]
    public void Every_row_of_the_table_is_an_endpoint_the_app_maps()
    {
        var mapped = MappedEndpoints();

        AuthorizationMatrix.Rules.Where(r => !mapped.Contains(KeyOf(r))).Select(r => r.Endpoint).Should().BeEmpty(
            "a row for an endpoint that no longer exists must go (or its method and route must match the app's)");
    }

    /// <summary>"METHOD route" of a row, without the variant label that may follow.</summary>
    private static string KeyOf(AuthorizationRule rule) => string.Join(' ', rule.Endpoint.Split(' ').Take(2));

    private HashSet<string> MappedEndpoints()
    {
        _ = fixture.App.Server;
        return fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => !e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor"))
            .Select(e => $"{Methods(e)} {Route(e)}")
            .ToHashSet();
    }

    private static string Methods(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? string.Join('|', methods) : "*";

    private static string Route(RouteEndpoint endpoint)
    {
        var route = endpoint.RoutePattern.RawText ?? "";
        return route.Length > 1 ? route.TrimEnd('/') : route;
    }
}
