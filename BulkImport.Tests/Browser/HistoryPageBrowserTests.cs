using BulkImport.Tests.Support;
using Microsoft.Playwright;

namespace BulkImport.Tests.Browser;

/// <summary>The history page in headless Chromium against the real app on a loopback port.</summary>
public sealed class HistoryPageBrowserTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        _baseUrl = _app.StartOnLoopback();
        (_playwright, _browser) = await Support.Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task History_page_renders_with_MudBlazor_styling_and_lists_an_import()
    {
        var api = await _app.ApiAsync(http: new HttpClient { BaseAddress = new Uri(_baseUrl) });
        var import = await api.ImportAsync("First Name,Last Name\nAnn,Smith\n", operation: "Add");

        var page = await _browser!.NewPageAsync();
        await Support.Browser.SignInAsync(page, _baseUrl, BulkImport.Core.Security.Roles.Importer);
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        await page.GotoAsync(_baseUrl + "/imports");
        await Support.Browser.WaitForInteractiveAsync(page);

        await Assertions.Expect(page.GetByText("Bulk Data Import").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Import History" }).ClickAsync();
        var table = page.Locator("[data-testid=history-table]");
        await Assertions.Expect(table.GetByRole(AriaRole.Link, new() { Name = import.Id.ToString(), Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(table.GetByText("clients.csv")).ToBeVisibleAsync();
        await Assertions.Expect(table.Locator("th").Filter(new() { HasText = "Valid Records" })).ToBeVisibleAsync();

        // MudBlazor's stylesheet is applied: the table is a styled mud-table, not a bare HTML table.
        var fontFamily = await page.Locator(".mud-table").First.EvaluateAsync<string>("e => getComputedStyle(e).display");
        fontFamily.Should().NotBeNullOrEmpty();
        var mudCssLoaded = await page.EvaluateAsync<bool>("() => [...document.styleSheets].some(s => (s.href || '').includes('MudBlazor'))");
        mudCssLoaded.Should().BeTrue();
        var chipBackground = await page.Locator("[data-testid=status-chip]").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        chipBackground.Should().NotBe("rgba(0, 0, 0, 0)");

        await page.ScreenshotAsync(new() { Path = Support.Browser.ScreenshotPath("history"), FullPage = true });
        consoleErrors.Should().BeEmpty();
    }
}
