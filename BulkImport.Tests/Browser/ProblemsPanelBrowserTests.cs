using System.Text;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BulkImport.Tests.Browser;

/// <summary>
/// Issue 20's operator path: a 5,000-row file with three kinds of error (a misspelt language, a missing last name, e-mails
/// written with "(at)") fixed from the Problems panel and a column's find and replace in fewer than ten actions, the counts
/// right after each, and committed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProblemsPanelBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const int Rows = 5000;

    [Fact]
    public async Task A_5000_row_file_with_three_kinds_of_error_is_fixed_in_fewer_than_ten_actions_and_committed()
    {
        // Rows 2-5001: every 50th has 'Englsh' (100 rows), every 100th+25 no last name (50), every 100th+75 an '(at)' e-mail (50).
        var csv = new StringBuilder("First Name,Last Name,Email,Language\r\n", Rows * 48);
        for (var i = 1; i <= Rows; i++)
        {
            csv.Append("First").Append(i).Append(',')
                .Append(i % 100 == 25 ? "" : "Last" + i).Append(',')
                .Append("person").Append(i).Append(i % 100 == 75 ? "(at)" : "@").Append("example.org,")
                .Append(i % 50 == 0 ? "Englsh" : "English").Append("\r\n");
        }

        var api = await app.ApiAsync(Roles.Importer);
        var import = await api.ImportAsync(Encoding.UTF8.GetBytes(csv.ToString()), operation: "Add");
        await api.WaitForAsync(import.Id, i => i.Status == ImportStatus.ReadyForReview);
        var (page, _) = await app.PageAsync(Roles.Importer);
        await page.SetViewportSizeAsync(1366, 900);
        await page.GotoAsync($"{app.BaseUrl}/imports/{import.Id}");
        await Support.Browser.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("count-error")).ToHaveTextAsync("200");
        var panel = page.GetByTestId("problems-panel");
        await Expect(panel).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Support.Browser.ScreenshotPath("problems-01-panel") });
        var actions = 0;

        // 1. The misspelt language, by the panel's did-you-mean suggestion: one click.
        var language = panel.GetByTestId("problem-group").Filter(new() { HasText = "Language" });
        await Expect(language.GetByTestId("problem-count")).ToHaveTextAsync("100 rows");
        await language.GetByTestId("problem-suggestion").ClickAsync();
        actions++;
        await Expect(page.GetByTestId("count-error")).ToHaveTextAsync("100");
        await Expect(page.GetByTestId("count-valid")).ToHaveTextAsync("4,900");

        // 2. The rows without a last name are not imported: one click.
        var lastName = panel.GetByTestId("problem-group").Filter(new() { HasText = "Last Name" });
        await Expect(lastName.GetByTestId("problem-count")).ToHaveTextAsync("50 rows");
        await lastName.GetByTestId("problem-skip").ClickAsync();
        actions++;
        await Expect(page.GetByTestId("count-error")).ToHaveTextAsync("50");
        await Expect(page.GetByTestId("count-skipped")).ToHaveTextAsync("50");

        // 3. Fifty different e-mails, one mistake: the column's find and replace, inside the cell.
        await page.GetByTestId("find-replace-Email").ClickAsync();
        actions++;
        var dialog = page.GetByTestId("find-replace-dialog");
        await dialog.Locator("input[data-testid='fix-find']").FillAsync("(at)");
        actions++;
        await dialog.Locator("input[data-testid='fix-replace']").FillAsync("@");
        actions++;
        await dialog.GetByText("Anywhere in the cell").ClickAsync();
        actions++;
        await page.GetByTestId("fix-submit").ClickAsync(); // in the dialog's actions, outside its content
        actions++;
        await Expect(page.GetByTestId("count-error")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("count-valid")).ToHaveTextAsync("4,950");
        await Expect(page.GetByTestId("no-problems")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Support.Browser.ScreenshotPath("problems-02-fixed") });

        // Continue, and Confirm & Import.
        await page.GetByTestId("continue-to-confirm").ClickAsync();
        actions++;
        await Expect(page.GetByTestId("confirm-rows")).ToHaveTextAsync("4,950");
        await Expect(page.GetByTestId("confirm-errors")).ToHaveTextAsync("0");
        await page.GetByTestId("confirm-import").ClickAsync();
        actions++;
        await Expect(page.GetByTestId("done-inserted")).ToHaveTextAsync("4,950", new() { Timeout = 120_000 });

        actions.Should().BeLessThan(10, "issue 20: three kinds of error in a 5,000-row file are fixed and committed in fewer than ten actions");
        var done = await api.GetAsync(import.Id);
        (done.Status, done.Inserted, done.SkippedRows, done.ErrorRows).Should().Be((ImportStatus.Committed, 4950, 50, 0));
    }
}
