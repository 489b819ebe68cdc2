using System.Diagnostics;
using System.Text;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BulkImport.Tests.Browser;

/// <summary>
/// A 100,000-row file in review: the grid pages, filters and edits from the database (never the whole import in the
/// circuit), so the last page, the errors and a fix answer as fast as the first page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LargeReviewBrowserTests : IAsyncLifetime
{
    private const int Rows = 100_000;
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
    public async Task A_100000_row_file_reviews_pages_filters_and_fixes_from_the_database()
    {
        // Every 1000th row lacks its last name.
        var csv = new StringBuilder("First Name,Last Name,Email\r\n", Rows * 40);
        for (var i = 1; i <= Rows; i++)
        {
            csv.Append("First").Append(i).Append(',').Append(i % 1000 == 0 ? "" : "Last" + i).Append(",person").Append(i).Append("@example.org\r\n");
        }

        var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        await Support.Browser.SignInAsync(page, _baseUrl, Roles.Importer);
        await page.GotoAsync(_baseUrl + "/imports");
        await Support.Browser.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Skip this step" }).ClickAsync();
        await Support.Browser.ChooseFileAsync(page, new FilePayload { Name = "big.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()) });
        var clock = Stopwatch.StartNew();
        await page.GetByRole(AriaRole.Button, new() { Name = "Review Results" }).ClickAsync();

        await Expect(page.GetByTestId("count-total")).ToHaveTextAsync("100,000", new() { Timeout = 120_000 });
        var staged = clock.Elapsed;
        await Expect(page.GetByTestId("count-error")).ToHaveTextAsync("100");
        await Expect(page.GetByTestId("row-status-2")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Support.Browser.ScreenshotPath("large-01-review") });

        clock.Restart();
        await page.GetByRole(AriaRole.Button, new() { Name = "Last page" }).ClickAsync();
        await Expect(page.GetByTestId($"row-status-{Rows + 1}")).ToBeVisibleAsync();
        var lastPage = clock.Elapsed;

        clock.Restart();
        await page.GetByTestId("count-error-card").ClickAsync();
        await Expect(page.GetByTestId("row-status-1001")).ToHaveTextAsync("Error");
        var errors = clock.Elapsed;

        clock.Restart();
        await page.GetByTestId("edit-row-1001").ClickAsync();
        await page.Locator("input[data-testid='edit-Last Name']").FillAsync("Fixed");
        await page.GetByTestId("save-row-1001").ClickAsync();
        await Expect(page.GetByTestId("count-error")).ToHaveTextAsync("99");
        var fix = clock.Elapsed;
        await page.ScreenshotAsync(new() { Path = Support.Browser.ScreenshotPath("large-02-fixed") });

        Console.WriteLine($"staged {staged.TotalSeconds:0.0} s, last page {lastPage.TotalMilliseconds:0} ms, errors {errors.TotalMilliseconds:0} ms, fix {fix.TotalMilliseconds:0} ms");
    }
}
