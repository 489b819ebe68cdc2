using Bunit;
using BulkImport.App.Components.Shared;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Fixes;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Components;

/// <summary>The Problems panel (SPEC 20): grouped messages, most rows first, each fixed or skipped at once.</summary>
public sealed class ProblemsPanelTests(AppFixture fixture) : AppComponentTest(fixture)
{
    private static readonly string[] Header = ["First Name", "Last Name", "Email", "Ethnicity"];
    private readonly List<Import> _changes = [];
    private readonly List<ProblemGroup> _shown = [];

    /// <summary>Rows 2-4 "Hispanc" (Did you mean 'Hispanic or Latino'?), row 5 a bad e-mail, row 6 valid.</summary>
    private Task<Import> StageAsync() => StagedImports.CreateAsync(AppServices, Header,
    [
        ["Ann", "Lee", "ann@example.org", "Hispanc"],
        ["Bo", "Ng", "bo@example.org", "Hispanc"],
        ["Cy", "Ho", "cy@example.org", "Hispanc"],
        ["Di", "Yu", "not-an-email", ""],
        ["Ed", "Oz", "ed@example.org", ""],
    ], operation: Operation.Add);

    private IRenderedComponent<ProblemsPanel> RenderPanel(Import import)
    {
        SignIn(import.CreatedBy, Roles.Importer);
        RenderPopovers();
        return Render<ProblemsPanel>(p => p
            .Add(x => x.ImportId, import.Id)
            .Add(x => x.Domain, new BulkImport.Core.Domains.Clients.ClientDomain())
            .Add(x => x.Columns, Header)
            .Add(x => x.AllowEdit, true)
            .Add(x => x.OnRowsChanged, i => _changes.Add(i))
            .Add(x => x.OnShowRows, g => _shown.Add(g)));
    }

    [Fact]
    public async Task Lists_the_groups_most_rows_first_with_counts_and_the_suggestion_one_click_away()
    {
        var import = await StageAsync();
        var cut = RenderPanel(import);

        await cut.WaitForAssertionAsync(() => cut.FindAll("[data-testid=problem-group]").Should().HaveCount(2));
        var groups = cut.FindAll("[data-testid=problem-group]");
        groups[0].QuerySelector("[data-testid=problem-count]")!.TextContent.Should().Contain("3 rows");
        groups[0].QuerySelector("[data-testid=problem-message]")!.TextContent.Should().Contain("Ethnicity").And.Contain("Hispanc");
        groups[0].QuerySelector("[data-testid=problem-suggestion]")!.TextContent.Should().Contain("Replace with 'Hispanic or Latino'");
        groups[1].QuerySelector("[data-testid=problem-count]")!.TextContent.Should().Contain("1 row");
        groups[1].QuerySelector("[data-testid=problem-suggestion]").Should().BeNull("an e-mail error has no suggestion");
    }

    [Fact]
    public async Task The_suggestion_fixes_every_row_of_its_group_and_the_group_goes()
    {
        var import = await StageAsync();
        var cut = RenderPanel(import);
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=problem-suggestion]"));

        await cut.Find("[data-testid=problem-suggestion]").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => cut.FindAll("[data-testid=problem-group]").Should().ContainSingle());
        _changes.Should().ContainSingle().Which.ErrorRows.Should().Be(1);
        _changes[0].ValidRows.Should().Be(4);
    }

    [Fact]
    public async Task Skip_these_rows_skips_the_group_and_show_rows_hands_it_to_the_grid()
    {
        var import = await StageAsync();
        var cut = RenderPanel(import);
        await cut.WaitForAssertionAsync(() => cut.FindAll("[data-testid=problem-show-rows]").Should().HaveCount(2));

        await cut.FindAll("[data-testid=problem-show-rows]")[0].ClickAsync(new());
        _shown.Should().ContainSingle().Which.Should().Match<ProblemGroup>(g => g.Column == "Ethnicity" && g.Count == 3);

        await cut.FindAll("[data-testid=problem-skip]")[0].ClickAsync(new());

        await cut.WaitForAssertionAsync(() => cut.FindAll("[data-testid=problem-group]").Should().ContainSingle());
        _changes.Should().ContainSingle().Which.SkippedRows.Should().Be(3);
    }

    /// <summary>A single kind of error fixed in a single row reads in the singular ("1 kinds of error", "in 1 rows" before).</summary>
    [Fact]
    public async Task One_kind_of_error_replaced_in_one_row_is_said_in_the_singular()
    {
        var import = await StagedImports.CreateAsync(AppServices, Header, [["Ann", "Lee", "ann@example.org", "Hispanc"], ["Bo", "Ng", "bo@example.org", ""]], operation: Operation.Add);
        var cut = RenderPanel(import);
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=problem-suggestion]"));

        cut.Find("[data-testid=problems-panel]").TextContent.Should().Contain("1 kind of error").And.NotContain("kinds");
        cut.Find("[data-testid=problem-count]").TextContent.Trim().Should().Be("1 row");
        await cut.Find("[data-testid=problem-suggestion]").ClickAsync(new());

        await snackbars.WaitForAssertionAsync(() => snackbars.Markup.Should().Contain("'Hispanc' replaced with 'Hispanic or Latino' in 1 row."));
    }

    [Fact]
    public async Task Skip_all_error_rows_leaves_no_problem()
    {
        var import = await StageAsync();
        var cut = RenderPanel(import);
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=skip-all-errors]"));

        await cut.Find("[data-testid=skip-all-errors]").ClickAsync(new());

        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=no-problems]"));
        _changes.Should().ContainSingle().Which.Should().Match<Import>(i => i.ErrorRows == 0 && i.SkippedRows == 4);
    }

    [Fact]
    public async Task An_ssn_group_never_shows_the_number_and_Replace_all_starts_with_an_empty_Find()
    {
        string[] header = ["First Name", "Last Name", "SSN"];
        var import = await StagedImports.CreateAsync(AppServices, header, [["Ann", "Lee", "000-12-3456"], ["Bo", "Ng", "000-12-3456"]], operation: Operation.Add);
        SignIn(import.CreatedBy, Roles.Importer);
        RenderPopovers();
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = Render<ProblemsPanel>(p => p
            .Add(x => x.ImportId, import.Id)
            .Add(x => x.Domain, new BulkImport.Core.Domains.Clients.ClientDomain())
            .Add(x => x.Columns, header)
            .Add(x => x.AllowEdit, true));
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=problem-replace]"));

        // Not awaited: the handler waits for the dialog's answer.
        cut.Find("[data-testid=problem-replace]").Click();

        await dialogs.WaitForAssertionAsync(() => dialogs.Find("input[data-testid=fix-find]").GetAttribute("value").Should().BeNullOrEmpty());
        (cut.Markup + dialogs.Markup).Should().NotContain("000-12-3456").And.NotContain("000123456");
    }
}
