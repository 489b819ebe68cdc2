using Bunit;
using BulkImport.App.Components.Pages.Imports;
using BulkImport.App.Components.Shared;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Undo;
using BulkImport.Core.Reports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Components;

/// <summary>The undo on the screen (SPEC 21): who is offered Undo Import, the confirmation in numbers, the live progress, lineage links.</summary>
public sealed class UndoComponentTests(AppFixture fixture) : AppComponentTest(fixture)
{
    private const string Importer = "importer@bulkimport.local";

    private Task<Import> StoredAsync(int id) => AppServices.GetRequiredService<ImportHistory>().GetAsync(id, CancellationToken.None);

    private async Task<IRenderedComponent<ImportDetail>> OpenAsync(int id, string viewer, string role)
    {
        SignIn(viewer, role);
        var page = Render<ImportDetail>(p => p.Add(x => x.Id, id));
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=completion-summary]"));
        return page;
    }

    [Theory]
    [InlineData(Importer, Roles.Importer, true)]
    [InlineData("support@bulkimport.local", Roles.Support, true)]
    [InlineData("admin@bulkimport.local", Roles.Admin, true)]
    [InlineData("supervisor@bulkimport.local", Roles.Supervisor, false)]
    [InlineData("other.importer@bulkimport.local", Roles.Importer, false)]
    public async Task Undo_Import_is_offered_as_ImportAccess_allows(string viewer, string role, bool offered)
    {
        var id = await StagedImports.AddAsync(AppServices, Importer, ImportStatus.Committed);
        if (!offered && role == Roles.Importer)
        {
            // Another importer cannot even open it.
            SignIn(viewer, role);
            var refused = Render<ImportDetail>(p => p.Add(x => x.Id, id));
            await refused.WaitForAssertionAsync(() => refused.FindAll("[data-testid=completion-summary]").Should().BeEmpty());
            refused.FindAll("[data-testid=undo-import]").Should().BeEmpty();
            return;
        }

        var page = await OpenAsync(id, viewer, role);

        page.FindAll("[data-testid=undo-import]").Should().HaveCount(offered ? 1 : 0);
    }

    [Theory]
    [InlineData(ImportStatus.ReadyForReview)]
    [InlineData(ImportStatus.CommitFailed)]
    [InlineData(ImportStatus.Undone)]
    public async Task Undo_Import_is_not_offered_on_an_import_that_cannot_be_undone(ImportStatus status)
    {
        var id = await StagedImports.AddAsync(AppServices, Importer, status);
        SignIn("admin@bulkimport.local", Roles.Admin);
        var page = Render<ImportDetail>(p => p.Add(x => x.Id, id));
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=status-chip]"));

        page.FindAll("[data-testid=undo-import]").Should().BeEmpty();
    }

    [Fact]
    public async Task Undo_asks_first_in_numbers_and_Not_Now_starts_nothing_while_Undo_Import_starts_it()
    {
        var id = await StagedImports.AddAsync(AppServices, Importer, ImportStatus.Cancelled);
        SignIn("support@bulkimport.local", Roles.Support);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var page = Render<ImportDetail>(p => p.Add(x => x.Id, id));
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=completion-summary]"));
        var expected = UndoWording.Confirmation(await AppServices.GetRequiredService<UndoCommands>().PreviewAsync(await StoredAsync(id), CancellationToken.None));

        page.Find("[data-testid=undo-import]").Click();
        await dialogs.WaitForAssertionAsync(() => dialogs.Find(".mud-dialog").TextContent.Should().Contain($"Undo import #{id}?").And.Contain(expected));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Not Now").Click();
        await dialogs.WaitForAssertionAsync(() => dialogs.FindAll(".mud-dialog").Should().BeEmpty());
        (await StoredAsync(id)).Status.Should().Be(ImportStatus.Cancelled);

        page.Find("[data-testid=undo-import]").Click();
        await dialogs.WaitForAssertionAsync(() => dialogs.Find(".mud-dialog"));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Undo Import").Click();

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=undo-summary]").TextContent.Should().Contain("Undone by support@bulkimport.local"),
            TimeSpan.FromSeconds(30));
        (await StoredAsync(id)).Status.Should().Be(ImportStatus.Undone);
        page.Find("[data-testid=status-chip]").TextContent.Should().Be("Undone");
    }

    [Fact]
    public void The_undo_progress_says_how_far_it_is_what_was_undone_and_kept_and_offers_Cancel()
    {
        var progress = new BulkImport.Core.Imports.Commit.ImportProgress(7, ImportStatus.Undoing, 4_000, 1_000, 3_000, 1_000, 0, 500, TimeSpan.FromSeconds(6), Undone: 990, Kept: 10);

        var cut = Render<UndoProgressPanel>(p => p.Add(x => x.Progress, progress).Add(x => x.CanCancel, true));

        cut.Find("[data-testid=undo-progress-rows]").TextContent.Should().Be("1,000 of 4,000 committed rows gone through (25%)");
        cut.Find("[data-testid=undo-progress-undone]").TextContent.Should().Be("990");
        cut.Find("[data-testid=undo-progress-kept]").TextContent.Should().Be("10");
        cut.Find("[data-testid=status-chip]").TextContent.Should().Be("Undoing");
        cut.Find("[data-testid=cancel-undo]").TextContent.Trim().Should().Be("Cancel Undo");
    }

    /// <summary>SPEC 18: an undo at work is incoming, a finished one processed, a stopped one an error to look at.</summary>
    [Theory]
    [InlineData(ImportStatus.Undoing, SubmissionList.Incoming)]
    [InlineData(ImportStatus.Undone, SubmissionList.Processed)]
    [InlineData(ImportStatus.UndoFailed, SubmissionList.Errors)]
    public void The_undo_statuses_go_under_the_headings_SPEC_18_names(ImportStatus status, SubmissionList list) =>
        SubmissionLists.Of(status).Should().Be(list);

    [Fact]
    public void Lineage_links_to_the_import_that_created_and_the_one_that_last_changed_the_record()
    {
        var cut = Render<LineageLinks>(p => p.Add(x => x.CreatedByImportId, 12).Add(x => x.CreatedByRow, 4).Add(x => x.LastImportId, 15).Add(x => x.LastImportRow, 9));

        cut.Find("[data-testid=lineage-created]").TextContent.Should().Be("Created by import #12, row 4");
        cut.Find("[data-testid=lineage-last]").TextContent.Should().Be(" · last changed by import #15, row 9");
        cut.FindAll("a").Select(a => a.GetAttribute("href")).Should().Equal("/imports/12", "/imports/15");
    }
}
