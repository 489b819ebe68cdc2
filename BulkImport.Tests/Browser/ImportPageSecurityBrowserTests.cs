using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BulkImport.Tests.Browser;

/// <summary>
/// The import page in Chromium: SSNs masked in the grid and messages, one row revealed by Support with the reveal
/// recorded, who created, confirmed, cancelled and replayed the import shown, and a hostile file name shown as text.
/// </summary>
public sealed class ImportPageSecurityBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    [Theory]
    [InlineData(Roles.Importer)]
    [InlineData(Roles.Supervisor)]
    public async Task The_grid_shows_ssns_masked_with_no_way_to_reveal_them(string role)
    {
        var id = await StagedImports.AddAsync(fixture.App.Services, TestApp.DemoUser(Roles.Importer).Email);
        var (page, errors) = await fixture.PageAsync(role);

        await page.GotoAsync($"{fixture.BaseUrl}/imports/{id}");
        await Support.Browser.WaitForInteractiveAsync(page);
        var grid = page.Locator("[data-testid=review-grid]");

        await Expect(grid.GetByText("***-**-6789")).ToBeVisibleAsync();
        await Expect(grid.GetByText("***-**-7890")).ToBeVisibleAsync();
        await Expect(grid.Locator("[data-testid=cell-message]").First).ToContainTextAsync("***-**-3456");
        await Expect(page.Locator("[data-testid^=reveal-]")).ToHaveCountAsync(0);
        var html = await page.ContentAsync();
        html.Should().NotContain("123456789").And.NotContain("234567890").And.NotContain("000-12-3456");
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Support_reveals_one_row_and_the_reveal_is_recorded()
    {
        var id = await StagedImports.AddAsync(fixture.App.Services, TestApp.DemoUser(Roles.Importer).Email);
        var (page, _) = await fixture.PageAsync(Roles.Support);
        await page.GotoAsync($"{fixture.BaseUrl}/imports/{id}");
        await Support.Browser.WaitForInteractiveAsync(page);
        var grid = page.Locator("[data-testid=review-grid]");
        await Expect(grid.GetByText("***-**-7890")).ToBeVisibleAsync();

        await page.Locator("[data-testid=reveal-3]").ClickAsync();

        await Expect(grid.GetByText("234567890")).ToBeVisibleAsync();
        await Expect(grid.GetByText("***-**-6789")).ToBeVisibleAsync();
        (await page.ContentAsync()).Should().NotContain("123456789", "only the revealed row is shown in full");
        await using var db = fixture.App.CreateDbContext();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.Reveal && e.Detail == $"Import {id}, row 3, SSN");
        entry.User.Should().Be(TestApp.DemoUser(Roles.Support).Email);
    }

    [Fact]
    public async Task The_import_page_shows_who_created_confirmed_cancelled_and_replayed_it_and_when()
    {
        var id = await StagedImports.AddAsync(fixture.App.Services, TestApp.DemoUser(Roles.Importer).Email, ImportStatus.Committed);
        var at = new DateTime(2026, 3, 4, 10, 15, 0, DateTimeKind.Utc);
        await using (var db = fixture.App.CreateDbContext())
        {
            // The stamps of the status changes are the import's own to set; the test writes a history straight to the table.
            await db.Imports.Where(i => i.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.CreatedAt, at)
                .SetProperty(i => i.ConfirmedBy, "importer@bulkimport.local").SetProperty(i => i.ConfirmedAt, at.AddMinutes(5))
                .SetProperty(i => i.CancelledBy, "supervisor@bulkimport.local").SetProperty(i => i.CancelledAt, at.AddMinutes(6))
                .SetProperty(i => i.ReplayedBy, "support@bulkimport.local").SetProperty(i => i.ReplayedAt, at.AddMinutes(30)));
        }

        var (page, _) = await fixture.PageAsync(Roles.Support);
        await page.GotoAsync($"{fixture.BaseUrl}/imports/{id}");

        var facts = page.Locator("[data-testid=import-facts]");
        await Expect(facts).ToContainTextAsync($"created by importer@bulkimport.local on {Local(at)}");
        await Expect(facts).ToContainTextAsync($"confirmed by importer@bulkimport.local on {Local(at.AddMinutes(5))}");
        await Expect(facts).ToContainTextAsync($"cancelled by supervisor@bulkimport.local on {Local(at.AddMinutes(6))}");
        await Expect(facts).ToContainTextAsync($"replayed by support@bulkimport.local on {Local(at.AddMinutes(30))}");
    }

    [Fact]
    public async Task A_hostile_file_name_is_shown_as_text_in_history_and_on_the_import_page()
    {
        const string hostile = "<img src=x onerror=\"window.pwned=1\">.csv";
        var id = await StagedImports.AddAsync(fixture.App.Services, TestApp.DemoUser(Roles.Importer).Email);
        await using (var db = fixture.App.CreateDbContext())
        {
            (await db.Imports.SingleAsync(i => i.Id == id)).FileName = SafeFileName.Of(hostile);
            await db.SaveChangesAsync();
        }

        var (page, errors) = await fixture.PageAsync(Roles.Importer);
        await page.GotoAsync($"{fixture.BaseUrl}/imports?tab=history");
        await Support.Browser.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Import History" }).ClickAsync();
        var history = page.Locator("[data-testid=history-table]");
        await Expect(history.GetByText(hostile)).ToBeVisibleAsync();
        await Expect(history.Locator("img")).ToHaveCountAsync(0);

        await page.GotoAsync($"{fixture.BaseUrl}/imports/{id}");
        await Expect(page.Locator("[data-testid=import-facts]")).ToContainTextAsync(hostile);
        await Expect(page.Locator("main img")).ToHaveCountAsync(0);
        (await page.EvaluateAsync<bool>("() => window.pwned === 1")).Should().BeFalse();
        errors.Should().BeEmpty();
    }

    [Fact]
    public async Task Pages_are_served_with_security_headers_and_run_under_the_content_security_policy()
    {
        var (page, errors) = await fixture.PageAsync(Roles.Admin);
        var response = await page.GotoAsync(fixture.BaseUrl + "/admin");
        await Support.Browser.WaitForInteractiveAsync(page);

        var headers = await response!.AllHeadersAsync();
        headers["content-security-policy"].Should().Contain("script-src 'self' 'nonce-").And.Contain("frame-ancestors 'none'");
        headers["x-content-type-options"].Should().Be("nosniff");
        headers["referrer-policy"].Should().Be("same-origin");
        headers["x-frame-options"].Should().Be("DENY");
        await Expect(page.Locator("[data-testid=users-table]")).ToBeVisibleAsync();
        errors.Should().BeEmpty("nothing the page needs may be blocked by the policy");
    }

    private static string Local(DateTime utc) => utc.ToLocalTime().ToString("yyyy-MM-dd HH:mm");
}
