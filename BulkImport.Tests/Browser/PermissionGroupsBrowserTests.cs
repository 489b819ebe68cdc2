using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BulkImport.Tests.Browser;

/// <summary>
/// Each permission group, signed in through the sign-in page in Chromium, sees exactly its part: the links, tabs,
/// history and pages it may use, and a refusal for the rest. Someone not signed in is sent to sign in.
/// </summary>
public sealed class PermissionGroupsBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>, IAsyncLifetime
{
    private const string OtherImporter = "other.importer@example.org";
    private int _ownImport;
    private int _othersImport;

    public async Task InitializeAsync()
    {
        _ownImport = await StagedImports.AddAsync(fixture.App.Services, TestApp.DemoUser(Roles.Importer).Email);
        _othersImport = await StagedImports.AddAsync(fixture.App.Services, OtherImporter);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/imports")]
    [InlineData("/admin")]
    [InlineData("/imports/live")]
    [InlineData("/imports/1")]
    public async Task Someone_not_signed_in_is_sent_to_the_sign_in_page_and_comes_back_after(string path)
    {
        var (page, _) = await fixture.PageAsync();

        await page.GotoAsync(fixture.BaseUrl + path);

        await Support.Browser.ExpectAddressAsync(page, "/account/login");
        new Uri(page.Url).Query.Should().ContainEquivalentOf("returnUrl=" + Uri.EscapeDataString(path));
        await Expect(page.Locator("[data-testid=signin-form]")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToHaveCountAsync(0);

        var (email, password) = TestApp.DemoUser(Roles.Admin);
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await Support.Browser.ExpectAddressAsync(page, "//[^/]+" + Regex.Escape(path) + "([?#].*)?$");
    }

    [Fact]
    public async Task A_wrong_password_keeps_the_person_on_the_sign_in_page_with_a_message()
    {
        var (page, _) = await fixture.PageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/account/login");

        await page.FillAsync("#email", TestApp.DemoUser(Roles.Importer).Email);
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("button[type=submit]");

        await Expect(page.Locator("[data-testid=signin-failed]")).ToBeVisibleAsync();
        page.Url.Should().Contain("/account/login");
    }

    [Fact]
    public async Task An_importer_sees_new_import_and_only_their_own_history_and_no_supervisor_or_admin_links()
    {
        var (page, errors) = await fixture.PageAsync(Roles.Importer);
        await page.GotoAsync(fixture.BaseUrl + "/imports");
        await Support.Browser.WaitForInteractiveAsync(page);

        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "New Import" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Live Imports" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=signed-in-user]")).ToHaveTextAsync(TestApp.DemoUser(Roles.Importer).Email);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Import History" }).ClickAsync();
        var history = page.Locator("[data-testid=history-table]");
        await Expect(history.GetByRole(AriaRole.Link, new() { Name = _ownImport.ToString(), Exact = true })).ToBeVisibleAsync();
        await Expect(history.GetByRole(AriaRole.Link, new() { Name = _othersImport.ToString(), Exact = true })).ToHaveCountAsync(0);
        await Expect(history.GetByText(OtherImporter)).ToHaveCountAsync(0);
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task An_importer_opening_another_users_import_by_id_is_told_it_does_not_exist()
    {
        var (page, _) = await fixture.PageAsync(Roles.Importer);

        await page.GotoAsync($"{fixture.BaseUrl}/imports/{_othersImport}");
        await Support.Browser.WaitForInteractiveAsync(page);

        await Expect(page.GetByText($"Import {_othersImport} does not exist.")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=review-grid]")).ToHaveCountAsync(0);
        await Expect(page.GetByText("staged.csv")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData(Roles.Importer, "/admin")]
    [InlineData(Roles.Importer, "/imports/live")]
    [InlineData(Roles.Supervisor, "/admin")]
    [InlineData(Roles.Support, "/admin")]
    public async Task A_page_beyond_the_groups_part_is_refused(string role, string path)
    {
        var (page, _) = await fixture.PageAsync(role);

        await page.GotoAsync(fixture.BaseUrl + path);

        await Expect(page.GetByText("Your permission groups do not")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=users-table]")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=no-live-imports]")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Support)]
    public async Task Supervisor_and_support_see_live_imports_and_all_history_but_no_new_import_or_administration(string role)
    {
        var (page, errors) = await fixture.PageAsync(role);
        await page.GotoAsync(fixture.BaseUrl + "/imports");
        await Support.Browser.WaitForInteractiveAsync(page);

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Live Imports" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "New Import" })).ToHaveCountAsync(0);
        var history = page.Locator("[data-testid=history-table]");
        await Expect(history.GetByRole(AriaRole.Link, new() { Name = _ownImport.ToString(), Exact = true })).ToBeVisibleAsync();
        await Expect(history.GetByRole(AriaRole.Link, new() { Name = _othersImport.ToString(), Exact = true })).ToBeVisibleAsync();
        // SPEC 18 (wave 2): whoever may see an import may download its results, Supervisors included.
        await Expect(history.GetByRole(AriaRole.Link, new() { Name = "Download Results" }).First).ToBeVisibleAsync();

        await Support.Browser.FollowMenuLinkAsync(page, "Live Imports");
        await Support.Browser.ExpectAddressAsync(page, "/imports/live$");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Live Imports" })).ToBeVisibleAsync();
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task An_administrator_sees_everything_and_manages_users_on_the_administration_page()
    {
        var (page, errors) = await fixture.PageAsync(Roles.Admin);
        await page.GotoAsync(fixture.BaseUrl + "/imports");
        await Support.Browser.WaitForInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "New Import" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Live Imports" })).ToBeVisibleAsync();

        await Support.Browser.FollowMenuLinkAsync(page, "Administration");
        await Support.Browser.ExpectAddressAsync(page, "/admin$");
        await Support.Browser.WaitForInteractiveAsync(page);
        var users = page.Locator("[data-testid=users-table]");
        foreach (var demo in BulkImport.App.Security.UserSeeder.DemoUsers)
        {
            await Expect(users.Locator($"[data-email='{demo.Email}']")).ToBeVisibleAsync();
        }

        var form = page.Locator("[data-testid=new-user-form]");
        await form.Locator("[data-testid=new-user-email] input, input[data-testid=new-user-email]").FillAsync("browser.made@example.org");
        await form.Locator("[data-testid=new-user-password] input, input[data-testid=new-user-password]").FillAsync("Browser2026");
        await form.GetByText("Supervisor", new() { Exact = true }).ClickAsync();
        await page.Locator("[data-testid=create-user]").ClickAsync();

        var created = users.Locator("[data-email='browser.made@example.org']");
        await Expect(created).ToBeVisibleAsync();
        await Expect(created).ToContainTextAsync("Importer");
        await Expect(created).ToContainTextAsync("Supervisor");
        await Expect(created.Locator("[data-testid=user-status]")).ToHaveTextAsync("Active");

        await created.Locator("[data-testid=edit-user]").ClickAsync();
        var edit = page.Locator("[data-testid=edit-user-form]");
        await edit.GetByText("Disabled (cannot sign in)").ClickAsync();
        await edit.Locator("[data-testid=save-user]").ClickAsync();
        await Expect(created.Locator("[data-testid=user-status]")).ToHaveTextAsync("Disabled");

        var login = await new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) }.PostAsJsonAsync("/api/auth/login", new { email = "browser.made@example.org", password = "Browser2026" });
        login.StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task An_administrator_retires_a_select_list_value_and_sees_the_usage_limits_and_feature_switches()
    {
        var (page, errors) = await fixture.PageAsync(Roles.Admin);
        await page.GotoAsync(fixture.BaseUrl + "/admin");
        await Support.Browser.WaitForInteractiveAsync(page);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Select Lists" }).ClickAsync();
        await Expect(page.Locator("[data-testid=select-values-table]")).ToBeVisibleAsync();
        var firstRow = page.Locator("[data-testid=select-value-row]").First;
        var value = await firstRow.GetAttributeAsync("data-value");
        await firstRow.Locator("[data-testid=retire-select-value]").ClickAsync();
        await Expect(page.Locator($"[data-testid=select-value-row][data-value='{value}']")).ToContainTextAsync("Retired");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Usage Limits" }).ClickAsync();
        await Expect(page.Locator("[data-testid=usage-limits-source]")).ToContainTextAsync("From the configuration");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Feature Switches" }).ClickAsync();
        await Expect(page.Locator("[data-testid=feature-switches]")).ToContainTextAsync("Features:PaymentImport");
        errors.Should().BeEmpty();
    }
}
