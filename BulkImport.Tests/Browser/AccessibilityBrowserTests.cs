using System.Text;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace BulkImport.Tests.Browser;

/// <summary>
/// Every main page and state checked with axe-core for WCAG 2.1 AA: no critical or serious violation (review, a row
/// being edited, confirm, the mapping screen, completed, history, Live Imports, report, clients, admin), in both themes; and no page
/// wider than a 390 px phone screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly string[] Blocking = ["critical", "serious"];

    private static async Task<string[]> ViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return [.. result.Violations
            .Where(v => Blocking.Contains(v.Impact))
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))} ({v.Nodes.Length} elements)")];
    }

    /// <summary>An import in review with an e-mail error, a select-list error and a missing last name.</summary>
    private async Task<int> ImportInReviewAsync()
    {
        var api = await app.ApiAsync(Roles.Importer);
        var csv = new StringBuilder("First Name,Last Name,Email,Language\r\n")
            .Append("Ann,Smith,ann@example.org,English\r\n")
            .Append("Bob,Jones,bob(at)example.org,Englsh\r\n")
            .Append("Cat,,cat@example.org,\r\n");
        var import = await api.ImportAsync(Encoding.UTF8.GetBytes(csv.ToString()), operation: "Add");
        await api.WaitForAsync(import.Id, i => i.Status == ImportStatus.ReadyForReview);
        return import.Id;
    }

    /// <summary>A partner's file (SPEC 16) waiting at the mapping screen.</summary>
    private async Task<int> ImportAwaitingMappingAsync()
    {
        var api = await app.ApiAsync(Roles.Importer);
        var import = await api.ImportAsync("Given Name,Surname,DOB\r\nAnn,Lee,01/02/1990\r\n", operation: "Add");
        import.Status.Should().Be(ImportStatus.AwaitingMapping, string.Join(" ", import.FileErrors));
        return import.Id;
    }

    private async Task<int> CommittedImportAsync()
    {
        var api = await app.ApiAsync(Roles.Importer);
        var id = await ImportInReviewAsync();
        await api.CommitAndWaitAsync(id);
        return id;
    }

    private async Task<IPage> OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(app.BaseUrl + path);
        await Support.Browser.WaitForInteractiveAsync(page);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return page;
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task No_page_or_state_has_a_critical_or_serious_violation(string theme)
    {
        var review = await ImportInReviewAsync();
        var committed = await CommittedImportAsync();
        var (page, _) = await app.PageAsync(Roles.Admin);
        await page.SetViewportSizeAsync(1366, 900);
        await page.EvaluateAsync("theme => localStorage.setItem('bulkimport-theme', theme)", theme);
        var found = new List<string>();

        async Task CheckAsync(string state)
        {
            foreach (var violation in await ViolationsAsync(page))
            {
                found.Add($"{state}: {violation}");
            }
        }

        foreach (var path in new[] { "/imports", "/imports?tab=history", "/imports/live", $"/imports/{committed}", $"/imports/{committed}/report", "/clients", "/clients/1", "/admin" })
        {
            await OpenAsync(page, path);
            await CheckAsync(path);
        }

        await OpenAsync(page, $"/imports/{review}");
        await CheckAsync("review");
        await page.GetByTestId("edit-row-3").ClickAsync();
        await Assertions.Expect(page.GetByTestId("save-row-3")).ToBeVisibleAsync();
        await CheckAsync("a row being edited");
        await page.GetByTestId("cancel-row-3").ClickAsync();
        await page.GetByTestId("continue-to-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm-panel")).ToBeVisibleAsync();
        await CheckAsync("confirm");

        await OpenAsync(page, $"/imports/{await ImportAwaitingMappingAsync()}");
        await Assertions.Expect(page.GetByTestId("column-mapping")).ToBeVisibleAsync();
        await CheckAsync("map columns");
        await page.GetByText("Save as Card Template", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Save as Card Template" })).ToBeCheckedAsync();
        await CheckAsync("map columns, saving a Card Template");

        found.Should().BeEmpty();
    }

    [Fact]
    public async Task No_page_is_wider_than_a_phone_screen()
    {
        var review = await ImportInReviewAsync();
        var committed = await CommittedImportAsync();
        var (page, _) = await app.PageAsync(Roles.Admin);
        await page.SetViewportSizeAsync(390, 844);
        var tooWide = new List<string>();
        foreach (var path in new[] { "/imports", "/imports?tab=history", "/imports/live", $"/imports/{review}", $"/imports/{committed}", $"/imports/{committed}/report", "/clients", "/clients/1", "/admin" })
        {
            await OpenAsync(page, path);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 390)
            {
                tooWide.Add($"{path}: {width} px");
            }
        }

        await page.ScreenshotAsync(new() { Path = Support.Browser.ScreenshotPath("phone-admin"), FullPage = true });
        tooWide.Should().BeEmpty();
    }
}
