using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace BulkImport.Tests.Browser;

/// <summary>
/// An operator walks an import with possible duplicates through "View Discrepancies" to Committed (SPEC 14, seed 001),
/// and the database shows what they chose: the Select row updated the chosen client, the New Person rows were inserted.
/// Reference client 1 is Marco Lee, SSN 486594045.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DiscrepancyBrowserTests(BrowserApp fixture) : IClassFixture<BrowserApp>
{
    private const string File = "Client ID,First Name,Last Name,Email,Phone Number,SSN,Date of Birth\n"
        + ",Marcus,Lee,marcus.lee@example.org,,486594045,\n"
        + ",Nina,Novak,,,,03/04/1980\n"
        + ",Nina,Novak,nina.second@example.org,,,03/04/1980\n";

    [Fact]
    public async Task An_operator_selects_one_match_makes_the_rest_new_people_and_commits()
    {
        var api = await fixture.ApiAsync(Roles.Importer);
        var import = await api.ImportAsync(File, operation: "Add");
        import.Status.Should().Be(ImportStatus.AwaitingVerification);
        var (page, errors) = await fixture.PageAsync(Roles.Importer);

        await page.GotoAsync($"{fixture.BaseUrl}/imports/{import.Id}");
        await Support.Browser.WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("status-chip").First).ToHaveTextAsync("Await Discrepancy Verification");
        await page.GetByTestId("view-discrepancies").ClickAsync();
        var row2 = page.Locator("[data-testid=discrepancy][data-row='2']");
        await Expect(row2.GetByTestId("discrepancy-reason")).ToHaveTextAsync("Row 2: Same SSN as client 1, Marco Lee");
        await row2.GetByTestId("select").ClickAsync();
        await row2.GetByTestId("confirm-resolution").ClickAsync();
        await Expect(row2).ToHaveCountAsync(0);
        await page.GetByTestId("new-person-for-all").ClickAsync();
        await Expect(page.GetByTestId("status-chip").First).ToHaveTextAsync("Ready for Review");

        await page.GetByTestId("continue-to-confirm").ClickAsync();
        await page.GetByTestId("confirm-import").ClickAsync();
        await Expect(page.GetByTestId("status-chip").First).ToHaveTextAsync("Committed", new() { Timeout = 60_000 });

        await using var db = fixture.App.CreateDbContext();
        var client1 = await db.Clients.SingleAsync(c => c.ClientId == 1);
        client1.FirstName.Should().Be("Marcus");
        client1.Email.Should().Be("marcus.lee@example.org");
        (await db.Clients.CountAsync(c => c.FirstName == "Nina" && c.LastName == "Novak")).Should().Be(2);
        errors.Should().BeEmpty();
    }
}
