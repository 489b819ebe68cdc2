using Bunit;
using BulkImport.App.Components.Pages.Imports;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Components;

public sealed class ImportDetailTests(AppFixture fixture) : AppComponentTest(fixture)
{
    private IRenderedComponent<MudBlazor.MudDialogProvider>? _dialogs;

    private async Task<(Import Import, IRenderedComponent<ImportDetail> Page)> OpenAsync(string? viewer = null, string role = Roles.Importer)
    {
        var import = await StagedImports.CreateAsync(AppServices, ["First Name", "Last Name", "Email"],
            [["Ann", "Smith", "ann@example.org"], ["Bob", "Jones", "not-an-email"], ["Cat", "Brown", ""]]);
        SignIn(viewer ?? import.CreatedBy, role);
        _dialogs = Render<MudBlazor.MudDialogProvider>();
        var page = Render<ImportDetail>(p => p.Add(x => x.Id, import.Id));
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=review-grid]"));
        return (import, page);
    }

    private Task<Import> StoredAsync(int id) => AppServices.GetRequiredService<ImportHistory>().GetAsync(id, CancellationToken.None);

    [Fact]
    public async Task In_review_it_shows_the_counts_the_steps_the_guidance_and_Confirm_Import()
    {
        var (_, page) = await OpenAsync();

        page.Find("[data-testid=count-total]").TextContent.Should().Be("3");
        page.Find("[data-testid=count-valid]").TextContent.Should().Be("2");
        page.Find("[data-testid=count-error]").TextContent.Should().Be("1");
        page.Find("[data-testid=import-step-4]").GetAttribute("data-state").Should().Be("active");
        page.Find("[data-testid=review-help]").TextContent.Should().Contain("pencil").And.Contain("Click Continue when ready");
        page.Find("[data-testid=continue-to-confirm]").TextContent.Trim().Should().Be("Continue");
    }

    [Fact]
    public async Task Confirm_Import_opens_the_panel_with_the_usage_and_Confirm_and_Import_queues_the_commit()
    {
        var (import, page) = await OpenAsync();

        page.Find("[data-testid=continue-to-confirm]").Click();
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=confirm-panel]"));
        page.Find("[data-testid=confirm-rows]").TextContent.Should().Be("2");
        page.Find("[data-testid=usage-table]").TextContent.Should().Contain("Today");
        page.Find("[data-testid=import-step-5]").GetAttribute("data-state").Should().Be("active");

        page.Find("[data-testid=confirm-import]").Click();

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=progress-panel], [data-testid=completion-summary]"));
        (await StoredAsync(import.Id)).Status.Should().NotBe(ImportStatus.ReadyForReview);
    }

    /// <summary>SPEC 18: the end of the commit and View Results give one count of rows not imported; blank rows are not among them.</summary>
    [Fact]
    public async Task The_end_screen_counts_the_rows_not_imported_as_View_Results_does()
    {
        var import = await StagedImports.CreateAsync(AppServices, ["First Name", "Last Name"], [["Ann", "Smith"], ["", ""], ["Bob", "Jones"]]);
        await AppServices.GetRequiredService<BulkImport.Core.Imports.Fixes.BulkFixes>().SkipRowsAsync(import.Id, [4], CancellationToken.None);
        await AppServices.GetRequiredService<ImportCommands>().QueueCommitAsync(import.Id, import.CreatedBy, CancellationToken.None);
        await Eventually.TrueAsync(async () => (await StoredAsync(import.Id)).Status == ImportStatus.Committed, $"import {import.Id} is committed");
        var report = await AppServices.GetRequiredService<BulkImport.Core.Reports.ImportReports>().GetAsync(import.Id, PageRequest.Of(1, 10), CancellationToken.None);
        report.Counts.NotImported.Should().Be(1, "row 4 was skipped by the operator; row 3 is blank");

        SignIn(import.CreatedBy, Roles.Importer);
        var page = Render<ImportDetail>(p => p.Add(x => x.Id, import.Id));

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=done-not-imported]").TextContent
            .Should().Be("Not imported: 1 row (1 skipped). The results file lists each row with its reason."));
    }

    [Fact]
    public async Task Cancel_asks_first_and_Keep_Going_changes_nothing()
    {
        var (import, page) = await OpenAsync();

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel Import").Click();
        var dialogs = _dialogs!;
        await dialogs.WaitForAssertionAsync(() => dialogs.Find(".mud-dialog"));
        dialogs.Find(".mud-dialog").TextContent.Should().Contain($"Cancel import #{import.Id}?").And.Contain("Nothing has been imported yet");
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Keep Going").Click();

        await dialogs.WaitForAssertionAsync(() => dialogs.FindAll(".mud-dialog").Should().BeEmpty());
        (await StoredAsync(import.Id)).Status.Should().Be(ImportStatus.ReadyForReview);
    }

    [Fact]
    public async Task Cancel_Import_in_the_dialog_cancels_it()
    {
        var (import, page) = await OpenAsync();

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel Import").Click();
        var dialogs = _dialogs!;
        await dialogs.WaitForAssertionAsync(() => dialogs.Find(".mud-dialog"));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel Import").Click();

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=completion-summary]").TextContent.Should().Contain("Import cancelled"));
        (await StoredAsync(import.Id)).Status.Should().Be(ImportStatus.Cancelled);
    }

    [Fact]
    public async Task A_supervisor_watches_but_cannot_fix_or_confirm()
    {
        var (_, page) = await OpenAsync("supervisor@bulkimport.local", Roles.Supervisor);

        page.FindAll("[data-testid=continue-to-confirm]").Should().BeEmpty();
        page.FindAll("[data-testid^=edit-row-]").Should().BeEmpty();
        page.FindAll("[data-testid=review-help]").Should().BeEmpty();
        page.FindAll("button").Should().Contain(b => b.TextContent.Trim() == "Cancel Import", "a supervisor may cancel any import");
    }

    [Fact]
    public async Task Another_operator_s_import_does_not_exist_for_an_importer()
    {
        var import = await StagedImports.ClientsAsync(AppServices, 1);
        SignIn("someone.else@bulkimport.local", Roles.Importer);
        var page = Render<ImportDetail>(p => p.Add(x => x.Id, import.Id));

        await page.WaitForAssertionAsync(() => page.Markup.Should().Contain($"Import {import.Id} does not exist"));
        page.FindAll("[data-testid=review-grid]").Should().BeEmpty();
    }

    [Fact]
    public async Task Confirm_by_an_importer_disabled_since_the_page_opened_is_refused_and_commits_nothing()
    {
        const string importer = "disabled.later@example.org";
        var import = await StagedImports.ClientsAsync(AppServices, 2, createdBy: importer);
        SignIn(importer, Roles.Importer);
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        var page = Render<ImportDetail>(p => p.Add(x => x.Id, import.Id));
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=continue-to-confirm]"));
        page.Find("[data-testid=continue-to-confirm]").Click();
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=confirm-import]"));

        await Fixture.ChangeUserAsync(importer, disabled: true);
        page.Find("[data-testid=confirm-import]").Click();

        await snackbars.WaitForAssertionAsync(() => snackbars.Markup.Should().Contain("Your sign-in has ended"));
        (await StoredAsync(import.Id)).Status.Should().Be(ImportStatus.ReadyForReview);
    }

    [Fact]
    public async Task Cancel_by_an_importer_who_lost_the_group_since_the_page_opened_is_refused()
    {
        const string importer = "moved.later@example.org";
        var import = await StagedImports.ClientsAsync(AppServices, 2, createdBy: importer);
        SignIn(importer, Roles.Importer);
        _dialogs = Render<MudBlazor.MudDialogProvider>();
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        var page = Render<ImportDetail>(p => p.Add(x => x.Id, import.Id));
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=review-grid]"));

        await Fixture.ChangeUserAsync(importer, roles: [Roles.Support]);
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel Import").Click();
        var dialogs = _dialogs;
        await dialogs.WaitForAssertionAsync(() => dialogs.Find(".mud-dialog"));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel Import").Click();

        await snackbars.WaitForAssertionAsync(() => snackbars.Markup.Should().Contain("Your sign-in has ended"));
        (await StoredAsync(import.Id)).Status.Should().Be(ImportStatus.ReadyForReview);
    }

    [Fact]
    public async Task Replay_by_support_staff_who_lost_the_group_since_the_page_opened_is_refused()
    {
        const string support = "support.later@example.org";
        var id = await StagedImports.AddAsync(AppServices, "importer@bulkimport.local", ImportStatus.Cancelled);
        SignIn(support, Roles.Support);
        _dialogs = Render<MudBlazor.MudDialogProvider>();
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        var page = Render<ImportDetail>(p => p.Add(x => x.Id, id));
        await page.WaitForAssertionAsync(() => page.FindAll("button").Should().Contain(b => b.TextContent.Trim() == "Replay"));

        await Fixture.ChangeUserAsync(support, roles: [Roles.Importer]);
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Replay").Click();
        var dialogs = _dialogs;
        await dialogs.WaitForAssertionAsync(() => dialogs.Find(".mud-dialog"));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Replay").Click();

        await snackbars.WaitForAssertionAsync(() => snackbars.Markup.Should().Contain("Your sign-in has ended"));
        (await StoredAsync(id)).Status.Should().Be(ImportStatus.Cancelled);
    }

    [Fact]
    public async Task Replay_asks_first_with_the_numbers_and_Not_Now_starts_nothing()
    {
        var id = await StagedImports.AddAsync(AppServices, "importer@bulkimport.local", ImportStatus.Cancelled);
        SignIn("support@bulkimport.local", Roles.Support);
        _dialogs = Render<MudBlazor.MudDialogProvider>();
        var page = Render<ImportDetail>(p => p.Add(x => x.Id, id));
        await page.WaitForAssertionAsync(() => page.FindAll("button").Should().Contain(b => b.TextContent.Trim() == "Replay"));
        var import = await StoredAsync(id);

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Replay").Click();
        var dialogs = _dialogs;
        await dialogs.WaitForAssertionAsync(() => dialogs.Find(".mud-dialog").TextContent
            .Should().Contain($"Replay import #{id}?").And.Contain($"of {import.ValidRows:N0}"));
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Not Now").Click();

        await dialogs.WaitForAssertionAsync(() => dialogs.FindAll(".mud-dialog").Should().BeEmpty());
        (await StoredAsync(id)).Status.Should().Be(ImportStatus.Cancelled);
    }

    /// <summary>An import cancelled in review with no valid row has nothing a replay could commit: no Replay button, and the reason says why.</summary>
    [Fact]
    public async Task An_import_whose_replay_would_be_refused_offers_no_Replay()
    {
        var import = await StagedImports.CreateAsync(AppServices, ["First Name", "Last Name"], [["", "Smith"], ["", "Jones"]]);
        await AppServices.GetRequiredService<ImportCommands>().CancelAsync(import.Id, import.CreatedBy, CancellationToken.None);
        SignIn("support@bulkimport.local", Roles.Support);

        var page = Render<ImportDetail>(p => p.Add(x => x.Id, import.Id));

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=failure-reason]").TextContent
            .Should().Contain($"Import {import.Id} has no valid rows to import: a replay would commit nothing."));
        page.FindAll("[data-testid=replay-import]").Should().BeEmpty();
        page.FindAll("[data-testid=undo-import]").Should().NotBeEmpty("support may still undo a cancelled import");
    }

    /// <summary>
    /// The same-file warning speaks of committing ("Committing both would apply its rows twice"): it shows while the
    /// import can still be committed and is gone once it was, while the file's other warnings stay (issue 21). It is read
    /// from the earlier import as it is now, never stored: one stored by an older version is not shown.
    /// </summary>
    [Fact]
    public async Task The_same_file_warning_follows_the_earlier_import_and_is_gone_once_the_import_was_committed()
    {
        const string stale = "The same file was uploaded on 2026-12-01 10:00 UTC as import #1, which is Validating. Committing both would apply its rows twice: cancel one of them.";
        const string other = "Column 'Notes' is not in the template and was ignored.";
        SameFileWarning.Is(stale).Should().BeTrue("the test's text is the warning older versions stored");
        var earlier = await StagedImports.AddAsync(AppServices, "importer@bulkimport.local");
        var id = await StagedImports.AddAsync(AppServices, "importer@bulkimport.local");
        await using (var db = await AppServices.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<BulkImport.Core.Data.BulkImportDbContext>>().CreateDbContextAsync())
        {
            foreach (var import in db.Imports.Where(i => i.Id == earlier || i.Id == id))
            {
                import.FileSha256 = "same-bytes";
            }

            (await db.Imports.FindAsync(id))!.FileWarnings = [stale, other];
            await db.SaveChangesAsync();
        }

        SignIn("importer@bulkimport.local", Roles.Importer);
        var review = Render<ImportDetail>(p => p.Add(x => x.Id, id));
        await review.WaitForAssertionAsync(() => review.FindAll("[data-testid=file-warning]").Select(w => w.TextContent).Should().SatisfyRespectively(
            w => w.Should().MatchRegex($@"^The same file was uploaded on .* UTC as import #{earlier}, which is Ready for Review\. Committing both would apply its rows twice: cancel one of them\.$"),
            w => w.Should().Be(other)));

        await AppServices.SetStatusAsync(earlier, ImportStatus.Committed);
        var afterEarlier = Render<ImportDetail>(p => p.Add(x => x.Id, id));
        await afterEarlier.WaitForAssertionAsync(() => afterEarlier.FindAll("[data-testid=file-warning]").Select(w => w.TextContent).Should().SatisfyRespectively(
            w => w.Should().StartWith("This file was already imported on ").And.Contain($"as import #{earlier}."),
            w => w.Should().Be(other)));

        await AppServices.SetStatusAsync(id, ImportStatus.Committed);
        var committed = Render<ImportDetail>(p => p.Add(x => x.Id, id));
        await committed.WaitForAssertionAsync(() => committed.Find("[data-testid=completion-summary]"));
        committed.FindAll("[data-testid=file-warning]").Select(w => w.TextContent).Should().Equal(other);
    }

    /// <summary>Confirm &amp; Import says nothing in a message: the progress panel says it, and a message would outlive the commit (issue 21).</summary>
    [Fact]
    public async Task Confirm_and_Import_leaves_no_message_that_would_outlive_the_commit()
    {
        var (_, page) = await OpenAsync();
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();

        page.Find("[data-testid=continue-to-confirm]").Click();
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=confirm-import]"));
        page.Find("[data-testid=confirm-import]").Click();
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=progress-panel], [data-testid=completion-summary]"));

        Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars.Should().BeEmpty();
        snackbars.FindAll(".mud-snackbar").Should().BeEmpty();
    }

    /// <summary>While a file is read, the page names the source article's phases (issue 17): "Auto Reading Entries", then "Checking For Discrepancies".</summary>
    [Fact]
    public async Task While_a_file_is_read_the_page_names_the_article_s_phases()
    {
        var import = await StagedImports.CreateAsync(AppServices, ["First Name", "Last Name"], [["Ann", "Smith"]]);
        await AppServices.SetStatusAsync(import.Id, ImportStatus.Validating);
        SignIn(import.CreatedBy, Roles.Importer);
        var page = Render<ImportDetail>(p => p.Add(x => x.Id, import.Id));
        await page.WaitForAssertionAsync(() => page.Find("[data-testid=reading-phase]").TextContent.Should().Be("Auto Reading Entries…"));

        AppServices.GetRequiredService<BulkImport.Core.Imports.Commit.ImportProgressFeed>().Publish(new BulkImport.Core.Imports.Commit.ImportProgress(
            import.Id, ImportStatus.Validating, 0, 1, 0, 0, 0, 0, null, null, BulkImport.Core.Imports.Discrepancies.ReadingPhase.CheckingForDiscrepancies));

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=reading-phase]").TextContent.Should().Be("Checking For Discrepancies…"));
        await AppServices.SetStatusAsync(import.Id, ImportStatus.Cancelled);
    }
}
