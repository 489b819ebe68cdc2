using System.Text.Json;
using BulkImport.Core.Domains.ClientAssignments;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Domains.Payments;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
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

    /// <summary>
    /// One import in each status, newest (Committed) first, with what makes a history wide: long file names without
    /// spaces, long batch names, long e-mails, seven-digit figures, every domain and operation.
    /// </summary>
    private async Task StageWideHistoryAsync()
    {
        var domains = new[] { ClientDomain.Key, PaymentDomain.Key, ClientAssignmentDomain.Key };
        var operations = Enum.GetValues<Operation>();
        var statuses = Enum.GetValues<ImportStatus>().OrderBy(s => s == ImportStatus.Committed).ToList();
        var now = DateTime.UtcNow;
        await using var db = _app.CreateDbContext();
        for (var i = 0; i < statuses.Count; i++)
        {
            db.Imports.Add(new Import
            {
                Domain = domains[i % domains.Length],
                Operation = operations[i % operations.Length],
                Status = statuses[i],
                Name = $"Quarterly enrollment batch for the northern region {i}",
                BatchDate = DateOnly.FromDateTime(now),
                FileName = $"client_enrollment_export_northern_region_2026_Q4_final_v{i}.csv",
                StoredFileName = Guid.NewGuid().ToString("N") + ".csv",
                CreatedBy = $"alexandra.montgomery-fitzgerald{i}@northern-region.bulkimport.local",
                CreatedAt = now.AddMinutes(i - statuses.Count),
                CompletedAt = statuses[i].IsFinal() ? now : null,
                TotalRows = 1_234_567,
                ValidRows = 1_204_560,
                ErrorRows = 30_007,
            });
        }

        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task At_a_laptop_s_width_a_long_history_shows_every_column_without_scrolling_sideways()
    {
        await StageWideHistoryAsync();
        var page = await _browser!.NewPageAsync(new() { ViewportSize = new() { Width = 1366, Height = 768 } });
        await Support.Browser.SignInAsync(page, _baseUrl, Roles.Supervisor);
        await page.GotoAsync(_baseUrl + "/imports?tab=history");
        await Support.Browser.WaitForInteractiveAsync(page);
        var table = page.GetByTestId("history-table");
        var rows = table.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(Enum.GetValues<ImportStatus>().Length);

        var widths = await page.EvaluateAsync<JsonElement>("""
            () => {
                const container = document.querySelector('[data-testid=history-table] .mud-table-container');
                const table = container.querySelector('table');
                return { page: document.documentElement.scrollWidth, pageRoom: document.documentElement.clientWidth,
                         container: container.scrollWidth, containerRoom: container.clientWidth, table: table.getBoundingClientRect().width, columns: [...table.querySelectorAll('thead th')].map(th => Math.round(th.getBoundingClientRect().width)).join(' ') };
            }
            """);
        var (pageWidth, pageRoom) = (widths.GetProperty("page").GetInt32(), widths.GetProperty("pageRoom").GetInt32());
        var (containerWidth, containerRoom) = (widths.GetProperty("container").GetInt32(), widths.GetProperty("containerRoom").GetInt32());
        pageWidth.Should().BeLessThanOrEqualTo(pageRoom, "the page does not scroll sideways at 1366 px");
        containerWidth.Should().BeLessThanOrEqualTo(containerRoom, $"the history's table ({widths.GetProperty("table").GetDouble()} px; columns {widths.GetProperty("columns").GetString()}) fits its box without a scrollbar");

        // The lists of file submissions stand above the table: the first row is scrolled up into view (only up and
        // down; the page cannot scroll sideways, as checked above), and then its Date and Download Results are on the screen.
        // The search box is as tall as the filters beside it (its width, set on the field itself, once made it 280 px tall).
        var heights = await page.EvaluateAsync<double[]>("""
            () => ['history-status-filter', 'history-search'].map(id => document.querySelector(`[data-testid=${id}]`).closest('.mud-input-control').getBoundingClientRect().height)
            """);
        heights[1].Should().BeLessThanOrEqualTo(heights[0] + 8, "the search box is one line, like the Status filter");

        var first = rows.First;
        await Assertions.Expect(first.Locator("[data-testid=status-chip]")).ToHaveTextAsync("Committed");
        await first.ScrollIntoViewIfNeededAsync();
        (await page.EvaluateAsync<double>("() => window.scrollX")).Should().Be(0);
        await Assertions.Expect(first.GetByTestId("history-date")).ToBeInViewportAsync(new() { Ratio = 1 });
        await Assertions.Expect(first.GetByRole(AriaRole.Link, new() { Name = "Download Results" })).ToBeInViewportAsync(new() { Ratio = 1 });
        await page.ScreenshotAsync(new() { Path = Support.Browser.ScreenshotPath("history-1366") });

        // On a phone each import is a card whose values carry their column's name, no wider than the screen.
        await page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(first.Locator("td:has([data-testid=history-date])")).ToHaveAttributeAsync("data-label", "Date");
        var label = await first.GetByTestId("history-date").EvaluateAsync<string>("e => getComputedStyle(e.closest('td'), '::before').content");
        label.Should().Be("\"Date\"");
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390);
        await page.ScreenshotAsync(new() { Path = Support.Browser.ScreenshotPath("history-390") });
    }
}
