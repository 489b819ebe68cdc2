using System.Net;
using System.Net.Http.Json;
using System.Text;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BulkImport.Tests.Security;

/// <summary>
/// The HTTP API takes bearer tokens only: a signed-in browser's cookie opens nothing there, so another site cannot make
/// a browser change data through the API (whose calls carry no antiforgery token). The GET downloads the pages link to
/// (results files, templates) are the exception, and are checked against the user's current state on every request.
/// </summary>
public sealed class ApiBearerOnlyTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        _browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var (email, password) = TestApp.DemoUser(Roles.Importer);
        await CookieSignIn.SignInAsync(_browser, email, password);
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _app.DisposeAsync();
    }

    private Task<int> ImportAsync(ImportStatus status = ImportStatus.ReadyForReview) => StagedImports.AddAsync(_app.Services, TestApp.DemoUser(Roles.Importer).Email, status);

    [Fact]
    public async Task The_browser_cookie_is_not_accepted_by_the_API_s_reads_and_changes()
    {
        var id = await ImportAsync();
        using var upload = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes("First Name,Last Name\nAnn,Smith\n")), "file", "clients.csv" },
            { new StringContent("Client"), "domain" },
            { new StringContent("Add"), "operation" },
        };

        var answers = new Dictionary<string, HttpStatusCode>
        {
            ["GET /api/imports"] = (await _browser.GetAsync("/api/imports")).StatusCode,
            ["GET /api/clients/1"] = (await _browser.GetAsync("/api/clients/1")).StatusCode,
            ["POST /api/imports"] = (await _browser.PostAsync("/api/imports", upload)).StatusCode,
            ["PUT row"] = (await _browser.PutAsJsonAsync($"/api/imports/{id}/rows/2", new { values = new Dictionary<string, string> { ["Last Name"] = "X" } })).StatusCode,
            ["POST skip"] = (await _browser.PostAsync($"/api/imports/{id}/rows/2/skip", null)).StatusCode,
            ["POST commit"] = (await _browser.PostAsync($"/api/imports/{id}/commit", null)).StatusCode,
            ["POST cancel"] = (await _browser.PostAsync($"/api/imports/{id}/cancel", null)).StatusCode,
        };

        answers.Should().OnlyContain(a => a.Value == HttpStatusCode.Unauthorized, "the API takes bearer tokens only");
        (await _app.Services.GetRequiredService<ImportHistory>().GetAsync(id, default)).Status.Should().Be(ImportStatus.ReadyForReview);
    }

    [Fact]
    public async Task The_downloads_the_pages_link_to_accept_the_browser_cookie()
    {
        var id = await ImportAsync(ImportStatus.Committed);

        (await _browser.GetAsync($"/api/imports/{id}/results.csv")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _browser.GetAsync("/api/templates/Client.csv")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _browser.GetAsync("/api/templates/ClientAssignment.csv?courseCode=CNA-101")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_download_with_the_cookie_of_a_user_disabled_since_is_refused_at_once()
    {
        var id = await ImportAsync(ImportStatus.Committed);
        var admin = await _app.ApiAsync(Roles.Admin);
        var users = await admin.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/admin/users");
        var importer = users.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("email").GetString() == TestApp.DemoUser(Roles.Importer).Email).GetProperty("id").GetString();
        (await admin.Http.PutAsJsonAsync($"/api/admin/users/{importer}", new { disabled = true })).EnsureSuccessStatusCode();

        (await _browser.GetAsync($"/api/imports/{id}/results.csv")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the cookie is checked on every API request, not once a minute");
    }
}
