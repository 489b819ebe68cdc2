using BulkImport.Core.Domains.Clients;
using AngleSharp.Dom;
using Bunit;
using BulkImport.App.Components.Shared;
using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Components;

public sealed class ReviewGridTests(AppFixture fixture) : AppComponentTest(fixture)
{
    private static readonly string[] Header = ["Client ID", "First Name", "Last Name", "Email", "SSN", "Ethnicity"];

    private IRenderedComponent<MudBlazor.MudPopoverProvider>? _popovers;
    private readonly List<Import> _changes = [];

    /// <summary>Row 2 valid insert with an SSN, 3 a bad e-mail, 4 a valid update of client 1, 5 a missing last name, 6 a misspelt Ethnicity.</summary>
    private Task<Import> StageAsync() => StagedImports.CreateAsync(AppServices, Header,
    [
        ["", "Ann", "Smith", "ann@example.org", "123-45-6789", ""],
        ["", "Bob", "Jones", "not-an-email", "", ""],
        ["1", "", "", "marco@example.org", "", ""],
        ["", "Cat", "", "", "", ""],
        ["", "Dan", "Brown", "", "", "Hispanc"],
    ]);

    private IRenderedComponent<ReviewGrid> RenderGrid(Import import, bool allowEdit = true, RowFilter filter = RowFilter.All, string role = Roles.Importer, IReadOnlyList<string>? shown = null)
    {
        SignIn(import.CreatedBy, role);
        _popovers = RenderPopovers();
        return Render<ReviewGrid>(p => p
            .Add(x => x.ImportId, import.Id)
            .Add(x => x.ShownColumns, shown)
            .Add(x => x.Domain, AppServices.GetRequiredService<ImportDomains>().Get(ClientDomain.Key))
            .Add(x => x.AllowEdit, allowEdit)
            .Add(x => x.Filter, filter)
            .Add(x => x.OnRowsChanged, i => _changes.Add(i)));
    }

    private static IElement Row(IRenderedComponent<ReviewGrid> cut, int rowNumber) =>
        cut.Find($"[data-testid=row-status-{rowNumber}]").Closest("tr")!;

    /// <summary>The cell of <paramref name="column"/> in a row (the grid's header order).</summary>
    private static IElement Cell(IRenderedComponent<ReviewGrid> cut, int rowNumber, string column)
    {
        var headers = cut.FindAll("[data-testid=review-grid] thead th").Select(th => th.TextContent.Trim()).ToList();
        return Row(cut, rowNumber).QuerySelectorAll("td")[headers.IndexOf(column)];
    }

    private async Task<ImportRow> StoredRowAsync(int importId, int rowNumber)
    {
        await using var db = await AppServices.GetRequiredService<IDbContextFactory<BulkImportDbContext>>().CreateDbContextAsync();
        return await db.ImportRows.AsNoTracking().SingleAsync(r => r.ImportId == importId && r.RowNumber == rowNumber);
    }

    [Fact]
    public async Task Shows_every_row_with_its_status_action_and_each_message_beside_its_cell()
    {
        var import = await StageAsync();
        var cut = RenderGrid(import);

        await cut.WaitForAssertionAsync(() => cut.FindAll("[data-testid^=row-status-]").Should().HaveCount(5));
        cut.Find("[data-testid=row-status-2]").TextContent.Should().Be("Valid");
        cut.Find("[data-testid=row-action-2]").TextContent.Should().Be("Insert");
        cut.Find("[data-testid=row-action-4]").TextContent.Should().Be("Update");
        cut.Find("[data-testid=row-status-3]").TextContent.Should().Be("Error");
        cut.FindAll("[data-testid=row-action-3]").Should().BeEmpty();

        var emailCell = Cell(cut, 3, "Email");
        emailCell.TextContent.Should().Contain("not-an-email");
        emailCell.QuerySelector("[data-testid=cell-message]")!.TextContent.Should().NotBeNullOrWhiteSpace();
        Cell(cut, 5, "Last Name").QuerySelector("[data-testid=cell-message]")!.TextContent.Should().Contain("Last Name");
        Cell(cut, 6, "Ethnicity").QuerySelector("[data-testid=cell-message]")!.TextContent.Should().Contain("Did you mean 'Hispanic or Latino'");
        Cell(cut, 2, "Email").QuerySelectorAll("[data-testid=cell-message]").Should().BeEmpty();
    }

    [Fact]
    public async Task SSNs_are_masked()
    {
        var import = await StageAsync();
        var cut = RenderGrid(import);

        await cut.WaitForAssertionAsync(() => Cell(cut, 2, "SSN").TextContent.Should().Contain("6789"));
        Cell(cut, 2, "SSN").TextContent.Trim().Should().Be("***-**-6789");
        cut.Markup.Should().NotContain("123456789").And.NotContain("123-45-6789");
        cut.FindAll("[data-testid^=reveal-]").Should().BeEmpty("an operator may not reveal SSNs");
    }

    [Fact]
    public async Task The_pencil_opens_the_row_for_editing_in_place_and_Save_revalidates_it()
    {
        var import = await StageAsync();
        var cut = RenderGrid(import);
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=edit-row-3]"));

        cut.Find("[data-testid=edit-row-3]").Click();

        await cut.WaitForAssertionAsync(() => cut.Find("input[data-testid='edit-Email']"));
        var inputs = Row(cut, 3).QuerySelectorAll("input[data-testid^=edit-]");
        inputs.Select(i => i.GetAttribute("data-testid")).Should().Contain(["edit-First Name", "edit-Last Name", "edit-Email"]);
        cut.Find("input[data-testid='edit-Email']").GetAttribute("value").Should().Be("not-an-email");
        cut.FindAll("input[data-testid^=edit-]").Should().HaveCount(inputs.Length, "only the row being edited is open");

        cut.Find("input[data-testid='edit-Email']").Input("bob@example.org");
        cut.Find("[data-testid=save-row-3]").Click();

        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=row-status-3]").TextContent.Should().Be("Valid"));
        cut.Find("[data-testid=row-action-3]").TextContent.Should().Be("Insert");
        cut.FindAll("input[data-testid^=edit-]").Should().BeEmpty();
        Cell(cut, 3, "Email").TextContent.Should().Contain("bob@example.org");
        _changes.Should().ContainSingle();
        _changes[0].ValidRows.Should().Be(import.ValidRows + 1);
        _changes[0].ErrorRows.Should().Be(import.ErrorRows - 1);
        (await StoredRowAsync(import.Id, 3)).Status.Should().Be(RowStatus.Valid);
    }

    [Fact]
    public async Task Saving_a_row_that_still_has_errors_shows_its_new_messages()
    {
        var import = await StageAsync();
        var cut = RenderGrid(import);
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=edit-row-3]"));

        cut.Find("[data-testid=edit-row-3]").Click();
        // The click is dispatched behind the grid's own renders of its page: wait for the row to open, as a person would.
        await cut.WaitForAssertionAsync(() => cut.Find("input[data-testid='edit-Email']"));
        cut.Find("input[data-testid='edit-Email']").Input("still wrong");
        cut.Find("[data-testid=save-row-3]").Click();

        // One wait for the whole outcome: the typed value can show before the save's revalidation has come back, and
        // the counts change is raised last (checking them after the first sign alone failed on a busy machine).
        await cut.WaitForAssertionAsync(() =>
        {
            Cell(cut, 3, "Email").TextContent.Should().Contain("still wrong");
            cut.Find("[data-testid=row-status-3]").TextContent.Should().Be("Error");
            Cell(cut, 3, "Email").QuerySelector("[data-testid=cell-message]").Should().NotBeNull();
            _changes.Should().ContainSingle().Which.ErrorRows.Should().Be(import.ErrorRows);
        });
    }

    [Fact]
    public async Task Cancel_restores_the_row_and_changes_nothing()
    {
        var import = await StageAsync();
        var cut = RenderGrid(import);
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=edit-row-5]"));

        cut.Find("[data-testid=edit-row-5]").Click();
        // The pencil and Cancel are handled asynchronously (the row is read before editing): wait for each outcome.
        await cut.WaitForAssertionAsync(() => cut.Find("input[data-testid='edit-Last Name']"));
        cut.Find("input[data-testid='edit-Last Name']").Input("Typed");
        cut.Find("[data-testid=cancel-row-5]").Click();

        await cut.WaitForAssertionAsync(() => cut.FindAll("input[data-testid^=edit-]").Should().BeEmpty());
        Cell(cut, 5, "Last Name").TextContent.Should().NotContain("Typed");
        cut.Find("[data-testid=row-status-5]").TextContent.Should().Be("Error");
        _changes.Should().BeEmpty();
        (await StoredRowAsync(import.Id, 5)).Values[2].Should().BeNullOrEmpty();

        cut.Find("[data-testid=edit-row-5]").Click();
        await cut.WaitForAssertionAsync(() => cut.Find("input[data-testid='edit-Last Name']"));
        cut.Find("input[data-testid='edit-Last Name']").GetAttribute("value").Should().BeNullOrEmpty("a new edit starts from the stored row");
    }

    [Fact]
    public async Task Skip_marks_the_row_skipped_and_raises_the_new_counts()
    {
        var import = await StageAsync();
        var cut = RenderGrid(import);
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=skip-row-5]"));

        cut.Find("[data-testid=skip-row-5]").Click();

        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=row-status-5]").TextContent.Should().Be("Skipped"));
        cut.FindAll("[data-testid=skip-row-5]").Should().BeEmpty();
        _changes.Should().ContainSingle();
        _changes[0].SkippedRows.Should().Be(import.SkippedRows + 1);
        _changes[0].ErrorRows.Should().Be(import.ErrorRows - 1);
        (await StoredRowAsync(import.Id, 5)).Status.Should().Be(RowStatus.Skipped);
    }

    [Fact]
    public async Task A_select_list_cell_is_edited_with_a_dropdown_of_the_allowed_values()
    {
        var import = await StageAsync();
        var cut = RenderGrid(import);
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=edit-row-6]"));

        cut.Find("[data-testid=edit-row-6]").Click();
        cut.Find("[data-testid='edit-Ethnicity']").GetAttribute("role").Should().Be("combobox");
        cut.Find("[data-testid='edit-Ethnicity']").Closest(".mud-input-control")!.MouseDown();

        var popovers = _popovers!;
        await popovers.WaitForAssertionAsync(() => popovers.FindAll(".mud-list-item").Should().NotBeEmpty());
        popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()).Should().Contain(["Hispanic or Latino", "Not Hispanic or Latino", "Declined to State"]);
        popovers.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == "Hispanic or Latino").Click();
        cut.Find("[data-testid=save-row-6]").Click();

        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=row-status-6]").TextContent.Should().Be("Valid"));
        Cell(cut, 6, "Ethnicity").TextContent.Should().Contain("Hispanic or Latino");
    }

    [Fact]
    public async Task The_filter_shows_only_the_rows_asked_for()
    {
        var import = await StageAsync();
        var cut = RenderGrid(import, filter: RowFilter.Errors);

        await cut.WaitForAssertionAsync(() => cut.FindAll("[data-testid^=row-status-]").Select(e => e.GetAttribute("data-testid"))
            .Should().Equal("row-status-3", "row-status-5", "row-status-6"));

        cut.Render(p => p.Add(x => x.Filter, RowFilter.Valid));

        await cut.WaitForAssertionAsync(() => cut.FindAll("[data-testid^=row-status-]").Select(e => e.GetAttribute("data-testid"))
            .Should().Equal("row-status-2", "row-status-4"));
    }

    [Fact]
    public async Task Read_only_after_confirm_there_are_no_pencils_or_skips()
    {
        var import = await StageAsync();
        var cut = RenderGrid(import, allowEdit: false);

        await cut.WaitForAssertionAsync(() => cut.FindAll("[data-testid^=row-status-]").Should().HaveCount(5));
        cut.FindAll("[data-testid^=edit-row-]").Should().BeEmpty();
        cut.FindAll("[data-testid^=skip-row-]").Should().BeEmpty();
    }

    [Fact]
    public async Task Only_the_columns_of_the_file_are_shown()
    {
        var import = await StageAsync();
        var cut = RenderGrid(import, shown: import.PresentColumns);

        await cut.WaitForAssertionAsync(() => cut.FindAll("[data-testid^=row-status-]").Should().HaveCount(5));
        var headers = cut.FindAll("[data-testid=review-grid] thead th").Select(th => th.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        headers.Should().Equal("Row and errors", "Row", "Status", "Client ID", "First Name", "Last Name", "Email", "SSN", "Ethnicity");
    }

    [Fact]
    public async Task A_message_about_a_column_not_in_the_file_goes_to_the_Messages_column()
    {
        var import = await StagedImports.CreateAsync(AppServices, ["First Name", "Last Name"], [["Ann", "Smith"]], operation: Operation.Update);
        var cut = RenderGrid(import, shown: import.PresentColumns);

        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=row-status-2]").TextContent.Should().Be("Error"));
        cut.Find("[data-testid=row-message]").TextContent.Should().Contain("Client ID");
    }

    [Fact]
    public async Task Edit_and_skip_by_an_importer_who_lost_the_group_since_the_grid_opened_are_refused_and_change_nothing()
    {
        const string importer = "grid.later@example.org";
        var import = await StagedImports.CreateAsync(AppServices, Header, [["", "Bob", "Jones", "not-an-email", "", ""], ["", "Cat", "", "", "", ""]], createdBy: importer);
        var cut = RenderGrid(import);
        var snackbars = Render<MudBlazor.MudSnackbarProvider>();
        Services.GetRequiredService<MudBlazor.ISnackbar>().Configuration.PreventDuplicates = false; // both refusals say the same
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=edit-row-2]"));

        await Fixture.ChangeUserAsync(importer, roles: [Roles.Supervisor]);
        cut.Find("[data-testid=edit-row-2]").Click();
        cut.Find("input[data-testid='edit-Email']").Input("bob@example.org");
        cut.Find("[data-testid=save-row-2]").Click();
        await snackbars.WaitForAssertionAsync(() => snackbars.Markup.Should().Contain("Your sign-in has ended"));
        cut.Find("[data-testid=skip-row-3]").Click();
        await snackbars.WaitForAssertionAsync(() => snackbars.Markup.Split("Your sign-in has ended").Should().HaveCount(3, "the skip is refused too"));

        (await StoredRowAsync(import.Id, 2)).Status.Should().Be(RowStatus.Error);
        (await StoredRowAsync(import.Id, 3)).Status.Should().Be(RowStatus.Error);
        _changes.Should().BeEmpty();
    }

    [Fact]
    public async Task The_rows_of_an_ssn_problem_group_are_shown_under_a_masked_chip()
    {
        var import = await StagedImports.CreateAsync(AppServices, Header,
        [
            ["", "Ann", "Smith", "ann@example.org", "000-12-3456", ""],
            ["", "Bob", "Jones", "bob@example.org", "000-12-3456", ""],
            ["", "Cy", "Ho", "not-an-email", "", ""],
        ]);
        var problems = AppServices.GetRequiredService<BulkImport.Core.Imports.Fixes.ProblemGroups>();
        var group = (await problems.PageAsync(import.Id, new PageRequest(1, 10), CancellationToken.None)).Items.Single(g => g.Column == "SSN");
        SignIn(import.CreatedBy, Roles.Importer);
        RenderPopovers();

        var cut = Render<ReviewGrid>(p => p
            .Add(x => x.ImportId, import.Id)
            .Add(x => x.Domain, AppServices.GetRequiredService<ImportDomains>().Get(ClientDomain.Key))
            .Add(x => x.AllowEdit, true)
            .Add(x => x.Group, group));

        await cut.WaitForAssertionAsync(() => cut.FindAll("[data-testid^=row-status-]").Should().HaveCount(2, "the group's rows, found by the full value"));
        cut.Find("[data-testid=group-filter]").TextContent.Should().Contain("SSN '***-**-3456' (2)");
        cut.Markup.Should().NotContain("000-12-3456").And.NotContain("000123456");
    }
}
