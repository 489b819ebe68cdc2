using System.Text;
using System.Text.Json;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BulkImport.Tests.Browser;

/// <summary>
/// Issue 21's "every device": the review page's layout. On a phone a row far down the page, its header row long scrolled away, still
/// says what each of its values is (every cell shows its column's name), with the row number and the reason pinned in
/// view beside the cell; on a wide screen the header is enough and the cells carry no such name. A message confirming
/// a skip never lies over the pager or Continue (a click there once went to the message for about 6 s).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenLayoutBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>Twelve rows; the last (row 13) has an e-mail written with "(at)".</summary>
    private async Task<int> ImportInReviewAsync()
    {
        var csv = new StringBuilder("First Name,Last Name,Email,Language\r\n");
        for (var i = 1; i <= 12; i++)
        {
            csv.Append("Phone").Append(i).Append(",Reader,phone").Append(i).Append(i == 12 ? "(at)" : "@").Append("example.org,English\r\n");
        }

        var api = await app.ApiAsync(Roles.Importer);
        var import = await api.ImportAsync(Encoding.UTF8.GetBytes(csv.ToString()), operation: "Add", checkDuplicates: false);
        await api.WaitForAsync(import.Id, i => i.Status == ImportStatus.ReadyForReview);
        return import.Id;
    }

    /// <summary>For each cell of the row: the column's header text and the name the cell itself shows (CSS generated content, "" for none).</summary>
    private const string Labels = """
        row => {
            const table = row.closest('table');
            const headers = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
            return [...row.querySelectorAll('td')].map((td, i) => {
                const cell = td.querySelector('.row-cell');
                const content = cell ? getComputedStyle(cell, '::before').content : 'none';
                return { header: headers[i], shown: content === 'none' || content === 'normal' ? '' : content.replace(/^"|"$/g, '') };
            });
        }
        """;

    private sealed record CellLabel(string Header, string Shown);

    private async Task<IPage> OpenAsync(int id, int width)
    {
        var (page, _) = await app.PageAsync(Roles.Importer);
        await page.SetViewportSizeAsync(width, 844);
        await page.GotoAsync($"{app.BaseUrl}/imports/{id}");
        await Support.Browser.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("row-status-13")).ToHaveTextAsync("Error");
        return page;
    }

    private static async Task<List<CellLabel>> LabelsOfRowAsync(IPage page, int rowNumber)
    {
        var row = page.GetByTestId($"row-status-{rowNumber}").Locator("xpath=ancestor::tr[1]");
        var json = await row.EvaluateAsync<JsonElement>(Labels);
        return [.. json.EnumerateArray().Select(c => new CellLabel(c.GetProperty("header").GetString() ?? "", c.GetProperty("shown").GetString() ?? ""))];
    }

    [Fact]
    public async Task On_a_phone_each_value_shows_its_column_name_beside_the_pinned_row_number_and_reason()
    {
        var id = await ImportInReviewAsync();
        var page = await OpenAsync(id, 390);

        // Row 13's e-mail cell, scrolled into view: the header row is off the screen by then.
        var email = page.GetByTestId("row-status-13").Locator("xpath=ancestor::tr[1]").Locator(".row-cell[data-label='Email']");
        await email.ScrollIntoViewIfNeededAsync();
        await Expect(email).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(page.Locator("[data-testid=review-grid] thead")).Not.ToBeInViewportAsync();
        var reasons = page.GetByTestId("row-errors-13");
        await Expect(reasons).ToBeInViewportAsync();
        await Expect(reasons).ToContainTextAsync("Row 13");
        await Expect(reasons).ToContainTextAsync("Email");

        var labels = await LabelsOfRowAsync(page, 13);
        labels.Skip(1).Should().NotBeEmpty().And.OnlyContain(c => c.Shown == c.Header && c.Header.Length > 0,
            "every value after the pinned column shows its column's name on a phone");
        (await email.EvaluateAsync<string>("e => getComputedStyle(e, '::before').display")).Should().Be("block", "the name sits above the value, not squeezed beside it");
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390, "the page is no wider than the phone");
        await page.ScreenshotAsync(new() { Path = Support.Browser.ScreenshotPath("phone-review-labels") });
    }

    [Fact]
    public async Task On_a_wide_screen_the_header_names_the_columns_and_the_cells_carry_no_name()
    {
        var id = await ImportInReviewAsync();
        var page = await OpenAsync(id, 1366);

        var labels = await LabelsOfRowAsync(page, 13);
        labels.Should().NotBeEmpty().And.OnlyContain(c => c.Shown == "");
    }

    /// <summary>
    /// While a skip's message shows: what is under the pager's buttons, the rows-per-page choice, Continue and Confirm &amp;
    /// Import. The function returns nothing until a message is on the screen and, when <c>need</c> is given, that element
    /// too, so the check is made while both are there.
    /// </summary>
    private const string Covered = """
        need => {
            const message = document.querySelector('.mud-snackbar');
            if (!message || (need && !document.querySelector(need))) return null;
            const covered = [];
            const targets = [...document.querySelectorAll('.mud-table-pagination button, .mud-table-pagination .mud-select, [data-testid=continue-to-confirm], [data-testid=confirm-import]')]
                .filter(e => { const b = e.getBoundingClientRect(); return b.width > 0 && b.bottom > 0 && b.top < innerHeight; });
            for (const target of targets) {
                const b = target.getBoundingClientRect();
                const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
                if (hit && hit.closest('.mud-snackbar')) covered.push(target.outerHTML.slice(0, 80));
            }
            return { covered, checked: targets.length, confirm: targets.some(t => t.matches('[data-testid=confirm-import]')) };
        }
        """;

    /// <summary>
    /// A message after a skip, while Continue is on the screen (the page at its top) and while the pager is (the page at
    /// its foot, where the grid's last rows are skipped); then a skip and at once Continue, so the message is still up
    /// when Confirm &amp; Import appears. The skip is clicked by its event, so the page stays where the person left it.
    /// </summary>
    [Theory]
    [InlineData(1366, 768)]
    [InlineData(390, 844)]
    public async Task A_skip_s_message_does_not_cover_the_pager_Continue_or_Confirm_and_Import(int width, int height)
    {
        var id = await ImportInReviewAsync();
        var (page, _) = await app.PageAsync(Roles.Importer);
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync($"{app.BaseUrl}/imports/{id}");
        await Support.Browser.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("row-status-13")).ToHaveTextAsync("Error");

        foreach (var (row, where, scroll) in new[] { (2, "Continue", "0"), (13, "the pager", "document.documentElement.scrollHeight") })
        {
            await page.EvaluateAsync($"() => window.scrollTo(0, {scroll})");
            await page.GetByTestId($"skip-row-{row}").DispatchEventAsync("click");
            var result = await (await page.WaitForFunctionAsync(Covered, (string?)null)).JsonValueAsync<JsonElement>();
            result.GetProperty("checked").GetInt32().Should().BeGreaterThan(0, $"{where} is on the screen when row {row} is skipped");
            result.GetProperty("covered").EnumerateArray().Select(e => e.GetString()).Should().BeEmpty($"the message after skipping row {row} at {width} px covers nothing one clicks next");
            await Expect(page.GetByTestId($"row-status-{row}")).ToHaveTextAsync("Skipped");
        }

        // Skip, then Continue straight away: Confirm & Import shows while the skip's message is still up.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.GetByTestId("skip-row-3").DispatchEventAsync("click");
        await page.GetByTestId("continue-to-confirm").ClickAsync();
        var confirm = page.GetByTestId("confirm-import");
        await confirm.ScrollIntoViewIfNeededAsync();
        var onConfirm = await (await page.WaitForFunctionAsync(Covered, "[data-testid=confirm-import]")).JsonValueAsync<JsonElement>();
        onConfirm.GetProperty("confirm").GetBoolean().Should().BeTrue("Confirm & Import is on the screen while the message is");
        onConfirm.GetProperty("covered").EnumerateArray().Select(e => e.GetString()).Should().BeEmpty($"the message at {width} px does not cover Confirm & Import");
        await Expect(confirm).ToBeEnabledAsync();
    }

    /// <summary>
    /// New Import on a phone (390 x 844): every step of the wizard is on the screen, its title whole, and the page is no
    /// wider than the phone; on one line the steps ran past the right edge and Upload File could not be seen.
    /// </summary>
    [Fact]
    public async Task New_Import_on_a_phone_shows_every_step_of_the_wizard()
    {
        var (page, _) = await app.PageAsync(Roles.Importer);
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"{app.BaseUrl}/imports");
        await Support.Browser.WaitForInteractiveAsync(page);
        var titles = page.GetByTestId("new-import-stepper").Locator(".mud-step-label-content-title");
        await Expect(titles).ToHaveTextAsync(["Select Domain", "Download Template", "Upload File"]);

        foreach (var title in await titles.AllAsync())
        {
            await Expect(title).ToBeInViewportAsync(new() { Ratio = 1 });
            var box = (await title.BoundingBoxAsync())!;
            (box.X + box.Width).Should().BeLessThanOrEqualTo(390, $"'{await title.TextContentAsync()}' ends within the screen");
        }

        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390, "the page is no wider than the phone");
        await page.ScreenshotAsync(new() { Path = Support.Browser.ScreenshotPath("phone-new-import"), FullPage = true });
    }

    /// <summary>
    /// Live Imports on a phone while an import commits, with what makes its line long (a file name without spaces, a
    /// long e-mail, eight-digit figures): nothing in the page is wider than the screen and the import's Cancel is on it.
    /// </summary>
    [Fact]
    public async Task Live_Imports_on_a_phone_with_a_commit_fits_the_screen_and_its_Cancel_is_in_view()
    {
        var services = app.App.Services;
        var import = await StagedImports.CreateAsync(services, ["First Name", "Last Name"], [["Ann", "Smith"], ["Bob", "Jones"]],
            createdBy: "alexandra.montgomery-fitzgerald@northern-region.bulkimport.local", fileName: "client_enrollment_export_northern_region_2026_Q4_final.csv");
        await services.SetStatusAsync(import.Id, ImportStatus.Committing);
        services.GetRequiredService<ImportProgressFeed>().Publish(
            new ImportProgress(import.Id, ImportStatus.Committing, 12_345_678, 4_567_890, 4_500_000, 67_890, 0, 12_345, TimeSpan.FromMinutes(17)));
        try
        {
            var (page, _) = await app.PageAsync(Roles.Supervisor);
            await page.SetViewportSizeAsync(390, 844);
            await page.GotoAsync($"{app.BaseUrl}/imports/live");
            await Support.Browser.WaitForInteractiveAsync(page);
            var card = page.GetByTestId($"live-{import.Id}");
            await Expect(card.GetByTestId($"live-progress-{import.Id}")).ToContainTextAsync("4,567,890 of 12,345,678 rows");

            // Every element of the page's content (the closed menu drawer lies off the screen on purpose), but a progress
            // bar's inner bar: it is slid left out of its track by the share still to do, and the track clips it.
            var tooWide = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('.mud-main-content *:not(.mud-progress-linear-bar)')]
                    .filter(e => { const b = e.getBoundingClientRect(); return b.width > 0 && (Math.round(b.right) > innerWidth || b.left < -0.5); })
                    .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${Math.round(e.getBoundingClientRect().width)} px`)
                """);
            tooWide.Should().BeEmpty("nothing on Live Imports is wider than a 390 px screen");
            (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390);
            var cancel = page.GetByTestId($"live-cancel-{import.Id}");
            await cancel.ScrollIntoViewIfNeededAsync();
            await Expect(cancel).ToBeInViewportAsync(new() { Ratio = 1 });
            await page.ScreenshotAsync(new() { Path = Support.Browser.ScreenshotPath("phone-live-imports"), FullPage = true });
        }
        finally
        {
            // Out of the list of imports in progress, for the other tests of the class.
            await services.SetStatusAsync(import.Id, ImportStatus.Cancelled);
        }
    }
}
