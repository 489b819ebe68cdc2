using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace BulkImport.Tests.Browser;

/// <summary>An open page of a user an administrator disables is taken from them: the live circuit is rechecked and sends them to sign in.</summary>
public sealed class SessionBrowserTests : IAsyncLifetime
{
    private readonly BrowserApp _fixture = new(new() { ["Security:RevalidationInterval"] = "00:00:01" });

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task A_user_disabled_while_their_page_is_open_is_sent_to_sign_in_and_cannot_sign_in_again()
    {
        var (page, _) = await _fixture.PageAsync(Roles.Supervisor);
        await page.GotoAsync(_fixture.BaseUrl + "/imports/live");
        await Support.Browser.WaitForInteractiveAsync(page);

        var admin = await _fixture.ApiAsync(Roles.Admin);
        var (email, password) = TestApp.DemoUser(Roles.Supervisor);
        var users = await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/users");
        var id = users.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("email").GetString() == email).GetProperty("id").GetString();
        (await admin.Http.PutAsJsonAsync($"/api/admin/users/{id}", new { disabled = true })).EnsureSuccessStatusCode();

        await Support.Browser.ExpectAddressAsync(page, "/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-testid=signin-failed]")).ToBeVisibleAsync();
    }
}
