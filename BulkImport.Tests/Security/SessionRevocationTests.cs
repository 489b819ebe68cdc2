using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BulkImport.Tests.Security;

/// <summary>A browser session (cookie) ends when an administrator disables the user, checked every Security:RevalidationInterval.</summary>
public sealed class SessionRevocationTests : IAsyncLifetime
{
    private readonly TestApp _app = new(new() { ["Security:RevalidationInterval"] = "00:00:00" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_disabled_users_browser_session_is_sent_to_sign_in()
    {
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var (email, password) = TestApp.DemoUser(Roles.Importer);
        await CookieSignIn.SignInAsync(browser, email, password);
        (await browser.GetAsync("/imports")).StatusCode.Should().Be(HttpStatusCode.OK);

        var admin = await _app.ApiAsync(Roles.Admin);
        var users = await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/users");
        var id = users.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("email").GetString() == email).GetProperty("id").GetString();
        (await admin.Http.PutAsJsonAsync($"/api/admin/users/{id}", new { disabled = true })).StatusCode.Should().Be(HttpStatusCode.OK);

        var after = await browser.GetAsync("/imports");
        after.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after.Headers.Location!.OriginalString.Should().Contain("/account/login");
    }

    [Fact]
    public async Task A_sign_in_form_posted_without_the_pages_antiforgery_token_signs_nobody_in()
    {
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var (email, password) = TestApp.DemoUser(Roles.Importer);

        var forged = await browser.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["password"] = password }));

        forged.Headers.Location!.OriginalString.Should().Be("/account/login");
        var setCookies = forged.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
        setCookies.Should().NotContain(c => c.StartsWith("BulkImport.Auth", StringComparison.Ordinal));
        (await browser.GetAsync("/imports")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }
}
