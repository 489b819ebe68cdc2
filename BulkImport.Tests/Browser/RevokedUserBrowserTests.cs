using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BulkImport.Tests.Browser;

/// <summary>
/// Every page, not only those of a named group, is taken from a user an administrator disables or moves to another
/// group while it is open: within Security:RevalidationInterval the live page sends them to sign in, and nothing on it
/// works any more (the clients page and the import page, whose Confirm would otherwise still commit).
/// </summary>
public sealed class RevokedUserBrowserTests : IAsyncLifetime
{
    private readonly BrowserApp _fixture = new(new() { ["Security:RevalidationInterval"] = "00:00:01" });

    public Task InitializeAsync() => _fixture.InitializeAsync();

    public Task DisposeAsync() => _fixture.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_user_disabled_or_moved_to_another_group_while_on_clients_and_on_an_import_can_do_nothing_there_after_the_interval(bool disable)
    {
        var (email, _) = TestApp.DemoUser(Roles.Importer);
        var id = await StagedImports.AddAsync(_fixture.App.Services, email);
        var (clients, _) = await _fixture.PageAsync(Roles.Importer);
        await clients.GotoAsync(_fixture.BaseUrl + "/clients");
        await Support.Browser.WaitForInteractiveAsync(clients);
        await Expect(clients.Locator("[data-testid=clients-table]")).ToBeVisibleAsync();
        var import = await clients.Context.NewPageAsync();
        await import.GotoAsync($"{_fixture.BaseUrl}/imports/{id}");
        await Support.Browser.WaitForInteractiveAsync(import);
        await Expect(import.Locator("[data-testid=continue-to-confirm]")).ToBeVisibleAsync();

        var admin = await _fixture.ApiAsync(Roles.Admin);
        var users = await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/users");
        var userId = users.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("email").GetString() == email).GetProperty("id").GetString();
        object change = disable ? new { disabled = true } : new { roles = new[] { Roles.Supervisor } };
        (await admin.Http.PutAsJsonAsync($"/api/admin/users/{userId}", change)).EnsureSuccessStatusCode();

        await Support.Browser.ExpectAddressAsync(clients, "/account/login");
        await Support.Browser.ExpectAddressAsync(import, "/account/login");
        await Expect(clients.Locator("[data-testid=clients-table]")).ToHaveCountAsync(0);
        await Expect(import.Locator("[data-testid=continue-to-confirm]")).ToHaveCountAsync(0);
        (await _fixture.App.Services.GetRequiredService<ImportHistory>().GetAsync(id, default)).Status.Should().Be(ImportStatus.ReadyForReview);
    }
}
