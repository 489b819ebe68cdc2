using System.Text;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.Playwright;

namespace BulkImport.Tests.Browser;

/// <summary>
/// WCAG 2.4.3 (focus order) for the dialogs a keyboard user opens: focus moves into the dialog when it opens, and
/// back to the button that opened it when it closes, so the person is not thrown to the top of the page; and into the
/// first error cell of a row the pencil opens (issue 21).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FocusBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<int> ImportInReviewAsync()
    {
        var api = await app.ApiAsync(Roles.Importer);
        var csv = "First Name,Last Name,Email\r\nAnn,Smith,ann@example.org\r\nBob,Jones,bob(at)example.org\r\n";
        var import = await api.ImportAsync(Encoding.UTF8.GetBytes(csv), operation: "Add");
        await api.WaitForAsync(import.Id, i => i.Status == ImportStatus.ReadyForReview);
        return import.Id;
    }

    private static Task<bool> FocusIsInDialogAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => !!document.activeElement && !!document.activeElement.closest('.mud-dialog')");

    private static Task<string?> FocusedTestIdAsync(IPage page) =>
        page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.getAttribute('data-testid')");

    [Fact]
    public async Task A_dialog_opened_from_the_keyboard_takes_focus_and_gives_it_back_to_its_button()
    {
        var id = await ImportInReviewAsync();
        var (page, _) = await app.PageAsync(Roles.Admin);
        await page.GotoAsync($"{app.BaseUrl}/imports/{id}");
        await Support.Browser.WaitForInteractiveAsync(page);

        var cancel = page.GetByTestId("cancel-import");
        await cancel.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToContainTextAsync($"Cancel import #{id}?");
        await page.WaitForFunctionAsync("() => !!document.activeElement && !!document.activeElement.closest('.mud-dialog')");
        (await FocusIsInDialogAsync(page)).Should().BeTrue("focus moves into the dialog that just opened");

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.getAttribute('data-testid') === 'cancel-import'");
        (await FocusedTestIdAsync(page)).Should().Be("cancel-import", "focus returns to the button that opened the dialog");
    }

    /// <summary>
    /// The pencil opens a row with the cursor in its first error cell, scrolled beside the pinned row number and reason,
    /// not under them; at a desktop width and on a phone. The error is in Zip, far right of a wide row.
    /// </summary>
    [Theory]
    [InlineData(1366)]
    [InlineData(390)]
    public async Task The_pencil_puts_the_cursor_in_the_first_error_cell_in_view_beside_the_row_number_and_reason(int width)
    {
        var api = await app.ApiAsync(Roles.Importer);
        var csv = "First Name,Last Name,Email,Phone Number,Address,City,State,Zip,Staff Name\r\n"
            + "Ann,Smith,ann@example.org,555-123-4567,12 Long Avenue of the Americas Apartment 4B,Saint Petersburg,FL,33701,Jane Staff\r\n"
            + "Bob,Jones,bob@example.org,555-123-4568,14 Long Avenue of the Americas Apartment 5C,Saint Petersburg,FL,ABCDE,Jane Staff\r\n";
        var import = await api.ImportAsync(Encoding.UTF8.GetBytes(csv), operation: "Add");
        await api.WaitForAsync(import.Id, i => i.Status == ImportStatus.ReadyForReview);
        var (page, _) = await app.PageAsync(Roles.Importer);
        await page.SetViewportSizeAsync(width, 844);
        await page.GotoAsync($"{app.BaseUrl}/imports/{import.Id}");
        await Support.Browser.WaitForInteractiveAsync(page);

        await page.GetByTestId("edit-row-3").ClickAsync();
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.getAttribute('aria-label') === 'Zip'");
        // The scroll is smooth: wait until the focused cell has arrived wholly in view, right of the pinned column.
        const string Place = """
            () => {
                const input = document.activeElement;
                const pinned = document.querySelector('[data-testid="row-errors-3"]');
                if (!input || !pinned) return { placed: false, focus: input && input.outerHTML.slice(0, 80) };
                const box = input.getBoundingClientRect();
                const cell = pinned.closest('td').getBoundingClientRect();
                const view = input.closest('.mud-table-container')?.getBoundingClientRect() ?? { right: 0 };
                const right = Math.min(view.right, document.documentElement.clientWidth);
                return { placed: input.getAttribute('aria-label') === 'Zip' && box.left >= cell.right - 1 && box.right <= right + 1 && cell.left >= -1 && cell.right <= right + 1,
                         input: [box.left, box.right], pinned: [cell.left, cell.right], visibleRight: right };
            }
            """;
        try
        {
            await page.WaitForFunctionAsync($"() => ({Place})().placed", null, new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            var where = await page.EvaluateAsync<System.Text.Json.JsonElement>(Place);
            throw new Xunit.Sdk.XunitException($"The Zip input is not in view beside the pinned column at {width} px: {where}");
        }

        var reasons = page.GetByTestId("row-errors-3");
        await Assertions.Expect(reasons).ToContainTextAsync("Row 3");
        await Assertions.Expect(reasons).ToContainTextAsync("Zip");
        await Assertions.Expect(reasons).ToBeInViewportAsync(new() { Ratio = 1 });
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(width, "the page is no wider than the screen");
        await page.ScreenshotAsync(new() { Path = Support.Browser.ScreenshotPath($"review-edit-{width}") });
    }

    /// <summary>
    /// WCAG 2.4.7: every control the Tab key reaches on the review page shows a visible focus ring (an outline of at
    /// least 2 px), not only MudBlazor's ripple, which a keyboard user never sees.
    /// </summary>
    [Fact]
    public async Task Every_control_reached_with_Tab_shows_a_focus_ring()
    {
        var id = await ImportInReviewAsync();
        var (page, _) = await app.PageAsync(Roles.Importer);
        await page.SetViewportSizeAsync(1366, 900);
        await page.GotoAsync($"{app.BaseUrl}/imports/{id}");
        await Support.Browser.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("row-status-3")).ToHaveTextAsync("Error");

        var withoutRing = new List<string>();
        var reached = new HashSet<string>();
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<System.Text.Json.JsonElement>("""
                () => {
                    const e = document.activeElement;
                    if (!e || e === document.body) return null;
                    const style = getComputedStyle(e);
                    return { html: (e.getAttribute('data-testid') ?? e.getAttribute('aria-label') ?? e.textContent.trim().slice(0, 30)) + ' ' + e.outerHTML.slice(0, 60), ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
                }
                """);
            if (focused.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                continue;
            }

            var html = focused.GetProperty("html").GetString()!;
            reached.Add(html);
            if (!focused.GetProperty("ring").GetBoolean())
            {
                withoutRing.Add(html);
            }
        }

        reached.Should().Contain(h => h.Contains("continue-to-confirm"), "Tab reaches Continue within 40 presses");
        withoutRing.Distinct().Should().BeEmpty();
    }
}
