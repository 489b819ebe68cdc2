using System.Text;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.Playwright;

namespace BulkImport.Tests.Browser;

/// <summary>
/// WCAG 2.4.3 (focus order) for the dialogs a keyboard user opens: focus moves into the dialog when it opens, and
/// back to the button that opened it when it closes, so the person is not thrown to the top of the page.
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
}
