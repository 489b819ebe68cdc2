using System.Text;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BulkImport.Tests.Browser;

/// <summary>
/// The README's screenshots (issue 21), taken from real imports driven through the running app and written to
/// docs/screenshots/: the review grid with its reasons, Live Imports with an import in review and one recently
/// finished, and the phone layout at 390 px. Each shot is taken only after the page shows what the README says it
/// shows, so a screen that changes fails here instead of leaving a misleading picture. Viewport-sized PNGs (never
/// full-page) keep the files small.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadmeScreenshotsBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>docs/screenshots/ of the checkout the tests were built from (found by BulkImport.sln above the test folder).</summary>
    private static string ScreenshotFile(string name)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "BulkImport.sln")))
        {
            root = root.Parent;
        }

        var folder = Path.Combine(root?.FullName ?? throw new InvalidOperationException("BulkImport.sln not found above the test folder."), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        var path = ScreenshotFile(name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = false });
        new FileInfo(path).Length.Should().BeLessThan(400_000, "a README image is one viewport, not a whole scrolled page");
    }

    private int _files;

    /// <summary>
    /// A client file of five rows, three with the mistakes operators meet most, in the columns a wide screen shows
    /// first (the grid's) so every reason is in the shot. Each call's file differs (Eve's zip), so no shot shows the same-file warning.
    /// </summary>
    private async Task<int> ImportInReviewAsync(ApiClient api)
    {
        var zip = $"0{2140 + Interlocked.Increment(ref _files)}";
        var csv = new StringBuilder("First Name,Last Name,Language,Email,Phone Number,Zip\r\n")
            .Append("Ann,Smith,English,ann@example.org,555-201-3344,02134\r\n")
            .Append(",Jones,English,bob@example.org,555-201-3345,02135\r\n")
            .Append("Cat,,Spanish,cat@example.org,555-201-3346,02136\r\n")
            .Append("Dan,Brown,English,dan(at)example.org,555-201-3347,02137\r\n")
            .Append($"Eve,Miller,English,eve@example.org,555-201-3348,{zip}\r\n");
        // The same people in every shot's file: the possible-duplicates check (on by default, SPEC 14) would stop the
        // second file at Await Discrepancy Verification, and these shots are of the review grid.
        var import = await api.ImportAsync(Encoding.UTF8.GetBytes(csv.ToString()), operation: "Add", checkDuplicates: false);
        await api.WaitForAsync(import.Id, i => i.Status == ImportStatus.ReadyForReview);
        return import.Id;
    }

    /// <summary>The reasons of the three rows in error, each of which the shot must show.</summary>
    private static readonly string[] Reasons = ["First Name is required", "Last Name is required", "Email must be an address"];

    private async Task<IPage> OpenAsync(string path, int width, int height)
    {
        var (page, _) = await app.PageAsync(Roles.Admin);
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync(app.BaseUrl + path);
        await Support.Browser.WaitForInteractiveAsync(page);
        await Support.Browser.WaitForFontsAndImagesAsync(page);
        return page;
    }

    [Fact]
    public async Task The_review_grid_with_its_reasons()
    {
        var api = await app.ApiAsync(Roles.Importer);
        var id = await ImportInReviewAsync(api);

        var page = await OpenAsync($"/imports/{id}", 1366, 768);

        await Expect(page.GetByTestId("review-grid")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("row-status-3")).ToHaveTextAsync("Error");
        // The Problems panel above the grid has its own shot: this one starts at the grid, under the app bar.
        await page.GetByTestId("row-filter").EvaluateAsync("e => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 72)");
        foreach (var reason in Reasons)
        {
            // In the pinned "Row and errors" column (the failing cell repeats it, possibly scrolled off to the right).
            await Expect(page.GetByTestId("review-grid").GetByTestId("row-error").Filter(new() { HasText = reason })).ToBeInViewportAsync();
        }

        await ShotAsync(page, "review-grid");
    }

    [Fact]
    public async Task Live_Imports_with_one_in_review_and_one_recently_finished()
    {
        var api = await app.ApiAsync(Roles.Importer);
        var finished = await ImportInReviewAsync(api);
        await api.CommitAndWaitAsync(finished);
        var inReview = await ImportInReviewAsync(api);

        var page = await OpenAsync("/imports/live", 1366, 768);

        await Expect(page.GetByTestId($"live-review-{inReview}")).ToContainTextAsync("In review");
        await Expect(page.GetByTestId($"finished-{finished}")).ToContainTextAsync("inserted");
        await ShotAsync(page, "live-imports");
    }

    [Fact]
    public async Task The_phone_layout_at_390_px()
    {
        var api = await app.ApiAsync(Roles.Importer);
        var id = await ImportInReviewAsync(api);

        var page = await OpenAsync($"/imports/{id}", 390, 844);

        await Expect(page.GetByTestId("row-status-3")).ToHaveTextAsync("Error");
        await page.GetByTestId("row-status-3").ScrollIntoViewIfNeededAsync();
        await Expect(page.GetByTestId("row-status-3")).ToBeInViewportAsync();
        await Expect(page.GetByTestId("review-grid").GetByTestId("row-error").Filter(new() { HasText = Reasons[0] })).ToBeInViewportAsync();
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390, "the page fits the phone's width");
        await ShotAsync(page, "phone-review");
    }

    /// <summary>
    /// The Problems panel (SPEC 20) of a 30-row file with three kinds of error, each group with its count, the did-you-mean
    /// suggestion one click away, Replace all and Skip these rows; the shot starts at the panel, with the grid under it.
    /// </summary>
    [Fact]
    public async Task The_problems_panel()
    {
        var csv = new StringBuilder("First Name,Last Name,Email,Language\r\n");
        var run = Interlocked.Increment(ref _files);
        for (var i = 1; i <= 30; i++)
        {
            csv.Append("Person").Append(run).Append('x').Append(i).Append(',')
                .Append(i % 5 == 2 ? "" : "Smith").Append(',')
                .Append(i % 10 == 7 ? "n/a" : $"person{i}@example.org").Append(',')
                .Append(i % 3 == 0 ? "Englsh" : "English").Append("\r\n");
        }

        var api = await app.ApiAsync(Roles.Importer);
        var import = await api.ImportAsync(Encoding.UTF8.GetBytes(csv.ToString()), operation: "Add", checkDuplicates: false);
        await api.WaitForAsync(import.Id, i => i.Status == ImportStatus.ReadyForReview);

        var page = await OpenAsync($"/imports/{import.Id}", 1366, 768);

        var panel = page.GetByTestId("problems-panel");
        var groups = panel.GetByTestId("problem-group");
        await Expect(groups.Filter(new() { HasText = "Language" })).ToBeVisibleAsync();
        var kinds = await groups.AllInnerTextsAsync();
        kinds.Should().HaveCount(3, "the file has three kinds of error: {0}", string.Join(" | ", kinds));
        await Expect(groups.Filter(new() { HasText = "Language" }).GetByTestId("problem-count")).ToHaveTextAsync("10 rows");
        await Expect(groups.Filter(new() { HasText = "Language" }).GetByTestId("problem-suggestion")).ToHaveTextAsync("Replace with 'English'");
        await Expect(groups.Filter(new() { HasText = "Last Name" }).GetByTestId("problem-count")).ToHaveTextAsync("6 rows");
        await Expect(groups.Filter(new() { HasText = "Email" }).GetByTestId("problem-count")).ToHaveTextAsync("3 rows");
        await panel.EvaluateAsync("panel => window.scrollTo(0, panel.getBoundingClientRect().top + window.scrollY - 72)");
        await Expect(panel).ToBeInViewportAsync(new() { Ratio = 1 });
        await ShotAsync(page, "problems-panel");
    }
}
