using System.Net;
using System.Text.Json;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Api;

/// <summary>
/// An address the app has no endpoint at, for any method, is 404 whatever the method (SPEC 12): answered 405 "does not
/// take POST", it read as an address that exists (an outside audit found <c>POST /api/auth/register</c> so). An address
/// that exists keeps its 405 for a method it does not take.
/// </summary>
public sealed class UnknownAddressesApiTests(CommittedImportApp app) : IClassFixture<CommittedImportApp>
{
    [Theory]
    [InlineData("POST", "/api/auth/register")]
    [InlineData("POST", "/api/nothing")]
    [InlineData("PUT", "/api/nothing/12")]
    [InlineData("DELETE", "/api/imports/abc")]
    [InlineData("PATCH", "/api")]
    public async Task Any_method_on_an_api_address_with_no_endpoint_is_not_found(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        var response = await app.Admin.Http.SendAsync(request);

        var problem = await ProblemAsync(response, HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString().Should().StartWith($"There is nothing at {method} {path}.");
        response.Content.Headers.Allow.Should().BeEmpty();
    }

    [Fact]
    public async Task Before_sign_in_a_post_to_an_address_with_no_endpoint_is_answered_as_its_get_is()
    {
        using var anonymous = app.Host.CreateClient();

        var get = await anonymous.GetAsync("/api/auth/register");
        var post = await anonymous.PostAsync("/api/auth/register", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        // Sign in first, for both: before sign-in nothing tells an address that exists from one that does not.
        await ProblemAsync(get, HttpStatusCode.Unauthorized);
        await ProblemAsync(post, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("POST", "/zzz")]
    [InlineData("DELETE", "/no-such-file.txt")]
    public async Task Any_method_on_a_page_address_with_no_endpoint_is_not_found(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        var response = await app.Admin.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_method_an_existing_address_does_not_take_is_still_405_naming_the_methods_it_takes()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/imports/{app.ImportId}");

        var response = await app.Admin.Http.SendAsync(request);

        var problem = await ProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        problem.GetProperty("detail").GetString().Should().Be($"/api/imports/{app.ImportId} does not take DELETE. Check the method against the API (docs/api.md).");
        response.Content.Headers.Allow.Should().Contain("GET");
    }

    [Fact]
    public async Task A_method_a_page_does_not_take_is_still_405()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/imports");

        var response = await app.Admin.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return JsonDocument.Parse(body).RootElement;
    }
}
