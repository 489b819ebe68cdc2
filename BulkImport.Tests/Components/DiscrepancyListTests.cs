using System.Text;
using Bunit;
using BulkImport.App.Components.Shared.Discrepancies;
using BulkImport.Core.Domains;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;
using BulkImport.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Components;

/// <summary>
/// "View Discrepancies" (SPEC 14, seed 001): the reason, the new submission data beside each candidate with the
/// differing cells marked, "Select" / "New Person" then a confirmation button, and the bulk actions.
/// Reference client 1 is Marco Lee, SSN 486594045.
/// </summary>
public sealed class DiscrepancyListTests(AppFixture fixture) : AppComponentTest(fixture)
{
    private const string File = "Client ID,First Name,Last Name,Email,Phone Number,SSN,Date of Birth\n"
        + ",Marcus,Lee,,,486594045,\n"
        + ",Nina,Novak,,,,03/04/1980\n"
        + ",Nina,Novak,,,,03/04/1980\n";

    private async Task<Import> StageAsync(string file = File)
    {
        var files = AppServices.GetRequiredService<ImportFiles>();
        var stored = await files.StoreAsync(new MemoryStream(Encoding.UTF8.GetBytes(file)), CancellationToken.None);
        var created = await AppServices.GetRequiredService<ImportCommands>().CreateAsync(
            new NewImport(stored, "batch.csv", ClientDomain.Key, Operation.Add, false, "Batch", "importer@bulkimport.local"), CancellationToken.None);
        // The app's validation worker reads it (staging it here as well raced with the worker).
        var history = AppServices.GetRequiredService<ImportHistory>();
        var status = ImportStatus.Validating;
        await Eventually.TrueAsync(() => (status = history.GetAsync(created.Id, CancellationToken.None).GetAwaiter().GetResult().Status) != ImportStatus.Validating,
            $"import {created.Id} is read");
        return await history.GetAsync(created.Id, CancellationToken.None);
    }

    private IRenderedComponent<DiscrepancyList> Show(Import import, List<Import> resolved) => Render<DiscrepancyList>(p => p
        .Add(x => x.ImportId, import.Id)
        .Add(x => x.Domain, AppServices.GetRequiredService<ImportDomains>().Get(ClientDomain.Key))
        .Add(x => x.AllowResolve, true)
        .Add(x => x.User, "importer@bulkimport.local")
        .Add(x => x.OnResolved, (Import i) => resolved.Add(i)));

    [Fact]
    public async Task Each_entry_shows_the_reason_the_submission_beside_its_candidates_with_differing_cells_marked()
    {
        var import = await StageAsync();
        import.Status.Should().Be(ImportStatus.AwaitingVerification);

        var list = Show(import, []);

        var entries = list.FindAll("[data-testid=discrepancy]");
        entries.Should().HaveCount(2);
        entries[0].QuerySelector("[data-testid=discrepancy-reason]")!.TextContent.Should().Be("Row 2: Same SSN as client 1, Marco Lee");
        entries[0].QuerySelector("[data-testid=new-submission]")!.TextContent.Should().Contain("Marcus").And.Contain("***-**-4045");
        var candidate = entries[0].QuerySelector("[data-testid=candidate]")!;
        candidate.GetAttribute("data-client").Should().Be("1");
        var differing = candidate.QuerySelectorAll("[data-differs=true]").Select(c => c.TextContent).ToList();
        differing.Should().Contain("Marco", "the first names differ").And.NotContain("Lee", "the last names are the same");
        entries[1].QuerySelector("[data-testid=discrepancy-reason]")!.TextContent.Should().Be("Row 4: Same name and date of birth as row 3 of this file");
        entries[1].QuerySelectorAll("[data-testid=select]").Should().BeEmpty("a row of the file cannot be selected, only New Person");
    }

    [Fact]
    public async Task Select_then_confirm_resolves_the_row_and_New_Person_for_all_remaining_resolves_the_rest()
    {
        var import = await StageAsync();
        var resolved = new List<Import>();
        var list = Show(import, resolved);

        list.Find("[data-testid=discrepancy][data-row='2'] [data-testid=select]").Click();
        list.Find("[data-testid=confirm-resolution]").TextContent.Trim().Should().Be("Confirm Select client 1");
        list.Find("[data-testid=confirm-resolution]").Click();

        list.WaitForAssertion(() => list.FindAll("[data-testid=discrepancy]").Should().ContainSingle());
        resolved.Should().ContainSingle().Which.UnresolvedDiscrepancies.Should().Be(1);

        list.Find("[data-testid=new-person-for-all]").Click();
        list.WaitForAssertion(() => list.FindAll("[data-testid=discrepancy]").Should().BeEmpty());
        resolved[^1].Status.Should().Be(ImportStatus.ReadyForReview);
    }

    [Fact]
    public async Task Select_the_SSN_matches_resolves_only_the_rows_with_one_SSN_match()
    {
        var import = await StageAsync();
        var resolved = new List<Import>();
        var list = Show(import, resolved);

        list.Find("[data-testid=select-ssn-matches]").Click();

        list.WaitForAssertion(() => list.FindAll("[data-testid=discrepancy]").Select(e => e.GetAttribute("data-row")).Should().Equal("4"));
        resolved[^1].UnresolvedDiscrepancies.Should().Be(1);
        resolved[^1].UpdateRows.Should().Be(1);
    }

    [Fact]
    public async Task Every_column_a_Select_would_write_or_a_candidate_holds_is_shown_and_columns_blank_on_every_side_are_not()
    {
        // Client 1 is a Student living in St. Petersburg; the submission says Corporate Trainee and gives no city.
        var import = await StageAsync("Client ID,First Name,Last Name,SSN,Date of Birth,City,Client Type\n"
            + ",Marco,Lee,486594045,,,Corporate Trainee\n"
            + ",Nina,Novak,,03/04/1980,,\n"
            + ",Nina,Novak,,03/04/1980,,\n");
        import.Status.Should().Be(ImportStatus.AwaitingVerification);

        var list = Show(import, []);

        var withClient = list.Find("[data-testid=discrepancy][data-row='2']");
        var headers = withClient.QuerySelectorAll("th").Select(h => h.TextContent).Where(h => h.Length > 0).ToList();
        headers.Should().Contain(["Client Type", "City", "Address", "Language"], "the client holds them and a Select could overwrite them")
            .And.StartWith(["First Name", "Last Name", "Email", "Phone Number", "SSN", "Date of Birth"]);
        var column = withClient.QuerySelectorAll("th").Select(h => h.TextContent).ToList().IndexOf("Client Type");
        withClient.QuerySelector("[data-testid=new-submission]")!.Children[column].TextContent.Should().Be("Corporate Trainee");
        var candidateCell = withClient.QuerySelector("[data-testid=candidate]")!.Children[column];
        candidateCell.TextContent.Should().Be("Student");
        candidateCell.GetAttribute("data-differs").Should().Be("true");

        var betweenRows = list.Find("[data-testid=discrepancy][data-row='4']");
        betweenRows.QuerySelectorAll("th").Select(h => h.TextContent).Where(h => h.Length > 0)
            .Should().Equal(["First Name", "Last Name", "Email", "Phone Number", "SSN", "Date of Birth"], "nothing else is filled in on either row");
    }

    [Fact]
    public async Task Select_and_New_Person_stand_beside_each_row_s_label_before_the_columns()
    {
        // Client 1 fills every column: at the right end of the comparison the buttons were 2,000 px away, out of view.
        var import = await StageAsync();
        var list = Show(import, []);

        var entry = list.Find("[data-testid=discrepancy][data-row='2']");
        entry.QuerySelector("[data-testid=new-submission]")!.Children[1].QuerySelector("[data-testid=new-person]").Should().NotBeNull();
        entry.QuerySelector("[data-testid=candidate]")!.Children[1].QuerySelector("[data-testid=select]").Should().NotBeNull();
        entry.QuerySelectorAll("th")[2].TextContent.Should().Be("First Name", "the template's columns follow the actions");
    }
}
