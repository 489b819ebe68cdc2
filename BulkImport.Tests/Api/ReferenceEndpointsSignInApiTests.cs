using System.Net;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Api;

/// <summary>Templates, course search and usage answer only a signed-in user (SPEC section 12).</summary>
public sealed class ReferenceEndpointsSignInApiTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/api/templates/Client.csv")]
    [InlineData("/api/templates/ClientAssignment.csv?courseCode=CNA-101")]
    [InlineData("/api/courses?code=CN")]
    [InlineData("/api/usage")]
    public async Task Without_sign_in_the_answer_is_401(string url)
    {
        var response = await _app.CreateClient().GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(Core.Security.Roles.Supervisor)]
    [InlineData(Core.Security.Roles.Support)]
    [InlineData(Core.Security.Roles.Admin)]
    public async Task Every_signed_in_role_may_read_them(string role)
    {
        var api = await _app.ApiAsync(role);

        (await api.Http.GetAsync("/api/templates/Client.csv")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.Http.GetAsync("/api/courses?code=CN")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.Http.GetAsync("/api/usage")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
