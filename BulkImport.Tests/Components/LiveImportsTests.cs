using Bunit;
using BulkImport.App.Components.Pages.Imports;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Components;

public sealed class LiveImportsTests(AppFixture fixture) : AppComponentTest(fixture)
{
    private Task<Import> StoredAsync(int id) => AppServices.GetRequiredService<ImportHistory>().GetAsync(id, CancellationToken.None);

    [Fact]
    public async Task Cancel_asks_first_Keep_Going_changes_nothing_and_Cancel_Import_cancels()
    {
        var import = await StagedImports.CreateAsync(AppServices, ["First Name", "Last Name"], [["Ann", "Smith"]]);
        SignIn("supervisor@bulkimport.local", Roles.Supervisor);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var page = Render<LiveImports>();
        var cancel = $"[data-testid=live-cancel-{import.Id}]";
        await page.WaitForAssertionAsync(() => page.Find(cancel));

        page.Find(cancel).Click();
        await dialogs.WaitForAssertionAsync(() => dialogs.Find(".mud-dialog"));
        dialogs.Find(".mud-dialog").TextContent.Should().Contain($"Cancel import #{import.Id}?").And.Contain("Nothing has been imported yet");
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Keep Going").Click();
        await dialogs.WaitForAssertionAsync(() => dialogs.FindAll(".mud-dialog").Should().BeEmpty());
        (await StoredAsync(import.Id)).Status.Should().Be(ImportStatus.ReadyForReview);
        page.FindAll(cancel).Should().ContainSingle("the import is still in progress after Keep Going");

        page.Find(cancel).Click();
        await dialogs.WaitForAssertionAsync(() => dialogs.Find(".mud-dialog"));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel Import").Click();

        await page.WaitForAssertionAsync(() => page.FindAll($"[data-testid=live-{import.Id}]").Should().BeEmpty());
        (await StoredAsync(import.Id)).Status.Should().Be(ImportStatus.Cancelled);
    }

    [Fact]
    public async Task An_import_of_one_valid_row_in_review_reads_in_the_singular()
    {
        var import = await StagedImports.CreateAsync(AppServices, ["First Name", "Last Name"], [["Ann", "Smith"]]);
        SignIn("supervisor@bulkimport.local", Roles.Supervisor);

        var page = Render<LiveImports>();

        await page.WaitForAssertionAsync(() => page.Find($"[data-testid=live-review-{import.Id}]").TextContent
            .Should().Be("In review: 1 valid row of 1 waits for the operator to confirm; nothing is being written."));
    }

    [Fact]
    public async Task An_import_in_review_says_so_and_once_it_ends_stays_under_Recently_finished_with_its_outcome()
    {
        var import = await StagedImports.CreateAsync(AppServices, ["First Name", "Last Name"], [["Ann", "Smith"], ["Bob", "Jones"]]);
        SignIn("supervisor@bulkimport.local", Roles.Supervisor);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var page = Render<LiveImports>();
        await page.WaitForAssertionAsync(() => page.Find($"[data-testid=live-review-{import.Id}]").TextContent
            .Should().Be("In review: 2 valid rows of 2 wait for the operator to confirm; nothing is being written."));

        page.Find($"[data-testid=live-cancel-{import.Id}]").Click();
        await dialogs.WaitForAssertionAsync(() => dialogs.Find(".mud-dialog"));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel Import").Click();

        await page.WaitForAssertionAsync(() => page.FindAll($"[data-testid=live-{import.Id}]").Should().BeEmpty());
        var finished = page.Find($"[data-testid=finished-{import.Id}]");
        finished.QuerySelector("[data-testid=status-chip]")!.TextContent.Should().Be("Cancelled");
        finished.TextContent.Should().Contain("View Results");
    }

    /// <summary>A commit in progress shows, as the import's own page does, the percentage and the time remaining beside the rows and rate (issue 21).</summary>
    [Fact]
    public async Task A_commit_shows_its_percentage_and_time_remaining_with_the_figures_formatted()
    {
        var import = await StagedImports.CreateAsync(AppServices, ["First Name", "Last Name"], [["Ann", "Smith"], ["Bob", "Jones"]]);
        await AppServices.SetStatusAsync(import.Id, ImportStatus.Committing);
        AppServices.GetRequiredService<BulkImport.Core.Imports.Commit.ImportProgressFeed>().Publish(
            new BulkImport.Core.Imports.Commit.ImportProgress(import.Id, ImportStatus.Committing, 200_000, 50_000, 49_000, 1_000, 0, 2_500, TimeSpan.FromSeconds(90)));
        SignIn("supervisor@bulkimport.local", Roles.Supervisor);

        var page = Render<LiveImports>();

        await page.WaitForAssertionAsync(() => page.Find($"[data-testid=live-progress-{import.Id}]").TextContent.Trim()
            .Should().Be("50,000 of 200,000 rows (25%) · inserted 49,000 · updated 1,000 · failed 0 · 2,500 rows/s · about 1 min 30 s remaining"));
        page.Find($"[data-testid=live-{import.Id}] [role=progressbar]").GetAttribute("aria-valuenow").Should().Be("25");
        await AppServices.SetStatusAsync(import.Id, ImportStatus.Cancelled);
    }
}
