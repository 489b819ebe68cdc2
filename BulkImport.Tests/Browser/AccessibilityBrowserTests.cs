using System.Text;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace BulkImport.Tests.Browser;

/// <summary>
/// Every main page and state checked with axe-core for WCAG 2.1 AA: no critical or serious violation (review with the
/// Problems panel, a problem's rows, its Replace all dialog, a row being edited, confirm, View Discrepancies, the mapping screen, completed, the undo's confirmation, progress and outcome, history, Live Imports, report, clients, admin), in both themes; and no page
/// (nor Replace all, View Discrepancies, the undo's confirmation or an undone import) wider than a 390 px phone screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly string[] Blocking = ["critical", "serious"];

    private static async Task<string[]> ViolationsAsync(IPage page)
    {
        // axe measures colours as they are drawn: a field just enabled (the Card Template name, once Save as Card
        // Template is ticked) had its label still in MudBlazor's 200 ms colour transition from the disabled grey, 4.11:1
        // light and 3.61:1 dark (dark in each of four runs here, light in one). Transitions and finite animations end
        // first; endless ones (a spinner, an indeterminate bar) are not waited for. Waiting alone still failed once in a
        // full run (the field was enabled by a render that came in after the wait): transitions are switched off for the
        // check, so every colour is the one the state ends with, whenever its render arrives.
        await page.AddStyleTagAsync(new() { Content = "*, *::before, *::after { transition: none !important; }" });
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.effect?.getTiming().iterations === Infinity || a.playState !== 'running')");
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
        // The check off: each test commits this file, so its people exist when the next test uploads it again (SPEC 14's default).
        var import = await api.ImportAsync(Encoding.UTF8.GetBytes(csv.ToString()), operation: "Add", checkDuplicates: false);
        await api.WaitForAsync(import.Id, i => i.Status == ImportStatus.ReadyForReview);
        return import.Id;
    }

    /// <summary>An import waiting for verification: row 2 has client 1's SSN (Marco Lee), rows 3 and 4 share name and birth date.</summary>
    private async Task<int> ImportAwaitingVerificationAsync()
    {
        var api = await app.ApiAsync(Roles.Importer);
        var csv = "First Name,Last Name,Email,SSN,Date of Birth\r\n"
            + "Marcus,Lee,marcus.lee@example.org,486594045,\r\n"
            + "Nina,Novak,,,03/04/1980\r\n"
            + "Nina,Novak,nina.second@example.org,,03/04/1980\r\n";
        var import = await api.ImportAsync(Encoding.UTF8.GetBytes(csv), operation: "Add");
        await api.WaitForAsync(import.Id, i => i.Status == ImportStatus.AwaitingVerification);
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
        await Support.Browser.WaitForFontsAndImagesAsync(page);
        return page;
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task No_page_or_state_has_a_critical_or_serious_violation(string theme)
    {
        var review = await ImportInReviewAsync();
        var committed = await CommittedImportAsync();
        var awaiting = await ImportAwaitingVerificationAsync();
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
        await Assertions.Expect(page.GetByTestId("problems-panel").GetByTestId("problem-group").First).ToBeVisibleAsync();
        await CheckAsync("review, with the Problems panel");
        var language = page.GetByTestId("problem-group").Filter(new() { HasText = "Language" });
        await language.GetByTestId("problem-show-rows").ClickAsync();
        await Assertions.Expect(page.GetByTestId("group-filter")).ToBeVisibleAsync();
        await CheckAsync("the rows of one problem");
        await language.GetByTestId("problem-replace").ClickAsync();
        await Assertions.Expect(page.GetByTestId("find-replace-dialog")).ToBeVisibleAsync();
        await CheckAsync("Replace all, from the Problems panel");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("find-replace-dialog")).ToHaveCountAsync(0);
        await OpenAsync(page, $"/imports/{review}");
        await page.GetByTestId("edit-row-3").ClickAsync();
        await Assertions.Expect(page.GetByTestId("save-row-3")).ToBeVisibleAsync();
        await CheckAsync("a row being edited");
        await page.GetByTestId("cancel-row-3").ClickAsync();
        await page.GetByTestId("continue-to-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm-panel")).ToBeVisibleAsync();
        await CheckAsync("confirm");

        // The View Discrepancies screen (SPEC 14): the list, then a row with a candidate chosen and its confirmation button.
        await OpenAsync(page, $"/imports/{awaiting}");
        await CheckAsync("awaiting discrepancy verification");
        await page.GetByTestId("view-discrepancies").ClickAsync();
        var row2 = page.Locator("[data-testid=discrepancy][data-row='2']");
        await Assertions.Expect(row2).ToBeVisibleAsync();
        await CheckAsync("View Discrepancies");
        await row2.GetByTestId("select").ClickAsync();
        await Assertions.Expect(row2.GetByTestId("confirm-resolution")).ToBeVisibleAsync();
        await CheckAsync("a discrepancy with a candidate chosen");
        await OpenAsync(page, $"/imports/{await ImportAwaitingMappingAsync()}");
        await Assertions.Expect(page.GetByTestId("column-mapping")).ToBeVisibleAsync();
        await CheckAsync("map columns");
        await page.GetByText("Save as Card Template", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Save as Card Template" })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Card Template name")).ToBeEnabledAsync();
        await CheckAsync("map columns, saving a Card Template");

        // Undo (SPEC 21): the confirmation with its numbers, an undo under way, and the undone import's summary.
        var undoing = await CommittedImportAsync();
        await using (var db = app.App.CreateDbContext())
        {
            // As an undo in progress leaves it (its worker is not asked, so it stays Undoing with its progress panel).
            db.Imports.Single(i => i.Id == undoing).StartUndo("support@bulkimport.local", DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        await OpenAsync(page, $"/imports/{undoing}");
        await Assertions.Expect(page.GetByTestId("undo-progress-panel")).ToBeVisibleAsync();
        await CheckAsync("undo in progress");

        await OpenAsync(page, $"/imports/{await CommittedImportAsync()}");
        await page.GetByTestId("undo-import").ClickAsync();
        var confirmation = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(confirmation).ToBeVisibleAsync();
        await CheckAsync("undo confirmation");
        await confirmation.GetByRole(AriaRole.Button, new() { Name = "Undo Import" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("undo-summary")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await CheckAsync("undone");

        found.Should().BeEmpty();
    }

    [Fact]
    public async Task No_page_is_wider_than_a_phone_screen()
    {
        var review = await ImportInReviewAsync();
        var committed = await CommittedImportAsync();
        var mapping = await ImportAwaitingMappingAsync();
        var (page, _) = await app.PageAsync(Roles.Admin);
        await page.SetViewportSizeAsync(390, 844);
        var tooWide = new List<string>();
        foreach (var path in new[] { "/imports", "/imports?tab=history", "/imports/live", $"/imports/{review}", $"/imports/{mapping}", $"/imports/{committed}", $"/imports/{committed}/report", "/clients", "/clients/1", "/admin" })
        {
            await OpenAsync(page, path);
            if (path == $"/imports/{mapping}")
            {
                await Assertions.Expect(page.GetByTestId("column-mapping")).ToBeVisibleAsync();
            }

            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 390)
            {
                tooWide.Add($"{path}: {width} px");
            }
        }

        await page.ScreenshotAsync(new() { Path = Support.Browser.ScreenshotPath("phone-admin"), FullPage = true });

        // The screens added since (issue 21): the Problems panel's Replace all dialog, View Discrepancies, the undo's
        // confirmation and an undone import. A dialog is fixed, so it cannot widen the page: its own box is measured,
        // rounded as scrollWidth is (a box ending at 390.4 px is not wider than the screen).
        async Task CheckAsync(string state)
        {
            var width = await page.EvaluateAsync<int>("""
                () => Math.max(document.documentElement.scrollWidth,
                               ...[...document.querySelectorAll('.mud-dialog')].map(d => Math.round(d.getBoundingClientRect().right)))
                """);
            if (width > 390)
            {
                tooWide.Add($"{state}: {width} px");
            }
        }

        await OpenAsync(page, $"/imports/{review}");
        await page.GetByTestId("problem-group").Filter(new() { HasText = "Language" }).GetByTestId("problem-replace").ClickAsync();
        await Assertions.Expect(page.GetByTestId("find-replace-dialog")).ToBeVisibleAsync();
        await CheckAsync("Replace all, from the Problems panel");

        await OpenAsync(page, $"/imports/{await ImportAwaitingVerificationAsync()}");
        await page.GetByTestId("view-discrepancies").ClickAsync();
        await Assertions.Expect(page.GetByTestId("discrepancy").First).ToBeVisibleAsync();
        await CheckAsync("View Discrepancies");

        await OpenAsync(page, $"/imports/{committed}");
        await page.GetByTestId("undo-import").ClickAsync();
        var confirmation = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(confirmation).ToBeVisibleAsync();
        await CheckAsync("undo confirmation");
        await confirmation.GetByRole(AriaRole.Button, new() { Name = "Undo Import" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("undo-summary")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await CheckAsync("undone");

        tooWide.Should().BeEmpty();
    }
}
