using System.Net;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BulkImport.Tests.Hosting;

/// <summary>Every response carrying personal data says <c>Cache-Control: no-store</c> (issue 15): the API, the CSV downloads, the pages.</summary>
public sealed class NoStoreTests : IClassFixture<CommittedImportApp>
{
    private readonly CommittedImportApp _app;

    public NoStoreTests(CommittedImportApp app) => _app = app;

    public static TheoryData<string> ApiResponses => new()
    {
        "/api/imports", "/api/imports/{id}", "/api/imports/{id}/rows", "/api/imports/{id}/rows/2", "/api/imports/{id}/results.csv",
        "/api/clients", "/api/clients/1", "/api/templates/Client.csv?courseCode=cna-101", "/api/usage", "/api/admin/users",
        "/api/imports/999999",
    };

    [Theory]
    [MemberData(nameof(ApiResponses))]
    public async Task An_api_response_is_not_stored(string url)
    {
        var response = await _app.Admin.Http.GetAsync(url.Replace("{id}", _app.ImportId.ToString()));

        response.StatusCode.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.NotFound);
        response.Headers.CacheControl!.NoStore.Should().BeTrue($"{url} carries personal data");
    }

    [Theory]
    [InlineData("/imports")]
    [InlineData("/imports/{id}")]
    [InlineData("/clients")]
    [InlineData("/clients/1")]
    [InlineData("/account/login")]
    public async Task A_page_is_not_stored(string url)
    {
        var browser = _app.Host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var (email, password) = TestApp.DemoUser(Roles.Admin);
        await CookieSignIn.SignInAsync(browser, email, password);

        var response = await browser.GetAsync(url.Replace("{id}", _app.ImportId.ToString()));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue($"the page {url} carries personal data");
    }

    [Fact]
    public async Task The_apps_own_static_files_may_still_be_cached()
    {
        var response = await _app.Host.CreateClient().GetAsync("/app.css");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl?.NoStore.Should().NotBe(true);
    }
}
