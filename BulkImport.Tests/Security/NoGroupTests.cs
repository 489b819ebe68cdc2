using System.Net;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Security;

/// <summary>
/// A signed-in user in no permission group (created without one, or whose last group was taken) reaches nothing: every
/// page sends them to the page that says to ask an administrator, the pages' live connection is refused, and the API
/// answers 403. The authorization matrix has their column for every endpoint; this follows what a browser sees.
/// </summary>
public sealed class NoGroupTests : IAsyncLifetime
{
    private const string Email = "no.group@example.org", Password = "Welcome2026";

    private readonly TestApp _app = new();
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync(Email, Password, [], "setup", default);
        }

        _browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await CookieSignIn.SignInAsync(_browser, Email, Password);
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/imports")]
    [InlineData("/imports?tab=history")]
    [InlineData("/clients")]
    [InlineData("/clients/1")]
    [InlineData("/imports/live")]
    [InlineData("/admin")]
    public async Task Every_page_sends_them_to_the_page_that_says_to_ask_an_administrator(string page)
    {
        var response = await _browser.GetAsync(page);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{page} shows nothing to a user in no group");
        response.Headers.Location!.OriginalString.Should().Contain("/account/denied");
        var shown = await _browser.GetStringAsync(response.Headers.Location.OriginalString);
        shown.Should().Contain("data-testid=\"no-group\"").And.Contain("not in any permission group").And.Contain("Ask an administrator")
            .And.NotContain("data-testid=\"clients-table\"").And.NotContain("nav-drawer");
    }

    [Fact]
    public async Task The_pages_live_connection_is_refused()
    {
        var response = await _browser.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        response.StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_API_answers_403_with_their_token()
    {
        var api = await new ApiClient(_app.CreateClient()).SignInAsync(Email, Password);

        (await api.Http.GetAsync("/api/clients?search=Lee")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await api.Http.GetAsync("/api/clients/1")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await api.Http.GetAsync("/api/imports")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
