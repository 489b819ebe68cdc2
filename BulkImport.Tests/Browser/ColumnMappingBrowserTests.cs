using System.Text;
using System.Text.RegularExpressions;
using BulkImport.Core.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BulkImport.Tests.Browser;

/// <summary>
/// A partner's file in headless Chromium (SPEC 16): the mapping screen shows each file column with its values and a
/// dropdown, the operator maps and saves a Card Template, the import goes to review; the next file with that header,
/// uploaded with the Card Template chosen, goes straight to review.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ColumnMappingBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string PartnerHeader = "Given Name,Surname,DOB\r\n";

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Support.Browser.ScreenshotPath(name), FullPage = true });

    /// <summary>New Import up to Review Results: Client, Add, the template step skipped, the file chosen, and the Card Template named if any.</summary>
    private async Task UploadAsync(IPage page, string fileName, string csv, string? cardTemplate = null)
    {
        await page.GotoAsync(app.BaseUrl + "/imports");
        await Support.Browser.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Client", Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "Add", Exact = true }).CheckAsync();
        await page.GetByTestId("next-step").ClickAsync();
        await page.GetByTestId("skip-template").ClickAsync();
        await Support.Browser.ChooseFileAsync(page, new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await Expect(page.GetByTestId("chosen-file-name")).ToHaveTextAsync(fileName);
        if (cardTemplate is not null)
        {
            await ChooseAsync(page, page.GetByTestId("card-template-choice"), cardTemplate);
        }

        await page.GetByTestId("review-results").ClickAsync();
        await Support.Browser.ExpectAddressAsync(page, @"/imports/\d+$");
    }

    /// <summary>Opens a dropdown (MudSelect opens on the pointer going down on its field) and clicks the item that starts with <paramref name="item"/>.</summary>
    private static async Task ChooseAsync(IPage page, ILocator select, string item)
    {
        await select.ClickAsync();
        var option = page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex("^\\s*" + Regex.Escape(item)) });
        await option.First.ClickAsync();
        await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }

    private static ILocator MappingRow(IPage page, string fileColumn) => page.Locator($"[data-testid=mapping-row][data-column='{fileColumn}']");

    /// <summary>The dropdown's cell of a file column: it shows the item chosen as the list shows it ("First Name *").</summary>
    private static ILocator ChoiceShown(IPage page, string fileColumn) => MappingRow(page, fileColumn).Locator("td").Nth(2);

    private static Regex Exactly(string text) => new("^\\s*" + Regex.Escape(text) + "\\s*$");

    [Fact]
    public async Task A_partner_file_is_mapped_and_saved_as_a_Card_Template_which_maps_the_next_file_without_the_screen()
    {
        var (page, consoleErrors) = await app.PageAsync(Roles.Importer);
        await page.SetViewportSizeAsync(1366, 900);

        await UploadAsync(page, "partner-march.csv", PartnerHeader + "Ann,Lee,01/02/1990\r\nBo,Ng,07/04/1985\r\nCy,Xu,12/31/1979\r\nDi,Oz,03/15/2001\r\n");

        // The mapping screen: every file column with up to three of its values and a dropdown of template columns.
        var mapping = page.GetByTestId("column-mapping");
        await Expect(mapping).ToBeVisibleAsync();
        await Expect(page.GetByTestId("row-one-header")).ToContainTextAsync("row 1 was taken as the header");
        await Expect(page.GetByTestId("mapping-row")).ToHaveCountAsync(3);
        await Expect(MappingRow(page, "Given Name").GetByTestId("mapping-samples")).ToHaveTextAsync(new Regex("Ann.*Bo.*Cy"));
        await Expect(MappingRow(page, "Given Name").GetByTestId("mapping-samples")).Not.ToContainTextAsync("Di", new() { Timeout = 1_000 });
        await Expect(MappingRow(page, "DOB").GetByTestId("mapping-samples")).ToContainTextAsync("01/02/1990");
        await Expect(ChoiceShown(page, "Given Name")).ToHaveTextAsync(Exactly("First Name *"));
        await Expect(ChoiceShown(page, "Surname")).ToHaveTextAsync(Exactly("Last Name *"));

        // The operator chooses in the dropdown: DOB first ignored (allowed), then mapped to Date of Birth.
        var dob = MappingRow(page, "DOB").GetByTestId("mapping-choice");
        await ChooseAsync(page, dob, "Ignore this column");
        await Expect(ChoiceShown(page, "DOB")).ToHaveTextAsync(Exactly("Ignore this column"));
        await ChooseAsync(page, dob, "Date of Birth");
        await Expect(ChoiceShown(page, "DOB")).ToHaveTextAsync(Exactly("Date of Birth"));

        // Save as Card Template: Continue waits for a name.
        await page.GetByText("Save as Card Template", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Save as Card Template" })).ToBeCheckedAsync();
        await Expect(page.GetByTestId("continue-to-validation")).ToBeDisabledAsync();
        await page.Locator("input[data-testid=card-template-name], [data-testid=card-template-name] input").First.FillAsync("Partner March");
        await ShotAsync(page, "mapping-01-map-columns");
        await page.GetByTestId("continue-to-validation").ClickAsync();

        // Review: the rows were read under the template's columns.
        await Expect(page.GetByTestId("count-total")).ToHaveTextAsync("4");
        await Expect(page.GetByTestId("count-error")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("column-mapping")).ToHaveCountAsync(0);
        await ShotAsync(page, "mapping-02-review");

        // The next file from the partner, with the Card Template chosen at upload, goes straight to review.
        await UploadAsync(page, "partner-april.csv", PartnerHeader + "Ed,Po,05/06/1970\r\nFay,Qi,08/09/1988\r\n", cardTemplate: "Partner March");
        await Expect(page.GetByTestId("count-total")).ToHaveTextAsync("2");
        await Expect(page.GetByTestId("count-error")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("column-mapping")).ToHaveCountAsync(0);
        await ShotAsync(page, "mapping-03-card-template-review");

        consoleErrors.Should().BeEmpty();
    }
}
