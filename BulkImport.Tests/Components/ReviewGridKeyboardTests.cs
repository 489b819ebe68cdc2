using AngleSharp.Dom;
using Bunit;
using BulkImport.App.Components.Shared;
using BulkImport.Core.Domains;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Components;

/// <summary>The review grid of issue 20: errors pinned at the left with the row number, failing cells marked, and editing by keyboard.</summary>
public sealed class ReviewGridKeyboardTests(AppFixture fixture) : AppComponentTest(fixture)
{
    private static readonly string[] Header = ["First Name", "Last Name", "Email", "Ethnicity"];
    private readonly List<Import> _changes = [];

    /// <summary>Row 2 valid, row 3 a bad e-mail with a long message, row 4 a misspelt Ethnicity.</summary>
    private Task<Import> StageAsync() => StagedImports.CreateAsync(AppServices, Header,
    [
        ["Ann", "Lee", "ann@example.org", ""],
        ["Bo", "Ng", "not-an-email", ""],
        ["Cy", "Ho", "cy@example.org", "Hispanc"],
    ], operation: Operation.Add);

    private IRenderedComponent<ReviewGrid> RenderGrid(Import import)
    {
        SignIn(import.CreatedBy, Roles.Importer);
        RenderPopovers();
        return Render<ReviewGrid>(p => p
            .Add(x => x.ImportId, import.Id)
            .Add(x => x.ShownColumns, Header)
            .Add(x => x.Domain, AppServices.GetRequiredService<ImportDomains>().Get(ClientDomain.Key))
            .Add(x => x.AllowEdit, true)
            .Add(x => x.OnRowsChanged, i => _changes.Add(i)));
    }

    private static IElement Row(IRenderedComponent<ReviewGrid> cut, int rowNumber) =>
        cut.Find($"[data-testid=row-status-{rowNumber}]").Closest("tr")!;

    /// <summary>
    /// Clicks the row's pencil and waits for its cells to become inputs: the grid renders the edit after the pencil's
    /// callback, which a busy machine may run after the click returns (the inputs were once not there yet).
    /// </summary>
    private static async Task EditRowAsync(IRenderedComponent<ReviewGrid> cut, int row)
    {
        cut.Find($"[data-testid=edit-row-{row}]").Click();
        await cut.WaitForAssertionAsync(() => cut.Find("input[data-testid^='edit-']"));
    }

    private static Task KeyAsync(IRenderedComponent<ReviewGrid> cut, string key) =>
        cut.Find("[data-testid=review-grid-keys]").KeyDownAsync(new KeyboardEventArgs { Key = key });

    [Fact]
    public async Task Each_rows_number_and_messages_are_pinned_in_the_first_column_and_failing_cells_are_marked()
    {
        var import = await StageAsync();
        var cut = RenderGrid(import);
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=row-errors-3]"));

        var first = Row(cut, 3).QuerySelectorAll("td")[0];
        first.QuerySelector("[data-testid=row-errors-3]")!.TextContent.Should().Contain("Row 3").And.Contain("Email:");
        (first.GetAttribute("class") + " " + first.GetAttribute("style")).Should().Contain("sticky", "the column stays in view while the row scrolls sideways");
        cut.Find("[data-testid=row-errors-4]").TextContent.Should().Contain("Did you mean 'Hispanic or Latino'");
        var emailCell = cut.Find("#cell-3-3").Closest("td")!;
        emailCell.GetAttribute("style").Should().Contain("inset", "the failing cell is marked");
        cut.Find("#cell-3-1").Closest("td")!.GetAttribute("style").Should().NotContain("inset");
        cut.Find("#cell-3-3").GetAttribute("style").Should().Contain("max-width", "a long message wraps instead of widening its column");
    }

    [Fact]
    public async Task Enter_saves_the_row_being_edited()
    {
        var import = await StageAsync();
        var cut = RenderGrid(import);
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=edit-row-3]"));
        await EditRowAsync(cut, 3);

        cut.Find("input[data-testid='edit-Email']").Input("bo@example.org");
        await KeyAsync(cut, "Enter");

        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=row-status-3]").TextContent.Should().Be("Valid"));
        cut.FindAll("input[data-testid^=edit-]").Should().BeEmpty();
        _changes.Should().ContainSingle().Which.ErrorRows.Should().Be(1);
    }

    [Fact]
    public async Task An_error_row_saved_unchanged_is_checked_again_so_a_field_count_error_clears()
    {
        // Row 3 has one field more than the header: its cells are right, the row is an error no cell holds.
        var files = AppServices.GetRequiredService<ImportFiles>();
        var stored = await files.StoreAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            "First Name,Last Name,Email,Ethnicity\nAnn,Lee,ann@example.org,\nBo,Ng,bo@example.org,,\n")), CancellationToken.None);
        var created = await AppServices.GetRequiredService<ImportCommands>().CreateAsync(
            new NewImport(stored, "shifted.csv", ClientDomain.Key, Operation.Add, false, null, "importer@bulkimport.local", CheckDuplicates: false), CancellationToken.None);
        var history = AppServices.GetRequiredService<ImportHistory>();
        await Eventually.TrueAsync(() => history.GetAsync(created.Id, CancellationToken.None).GetAwaiter().GetResult().Status == ImportStatus.ReadyForReview,
            $"import {created.Id} is read");
        var cut = RenderGrid(await history.GetAsync(created.Id, CancellationToken.None));
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=row-errors-3]").TextContent.Should().Contain("Row has 5 fields; the header has 4"));

        await EditRowAsync(cut, 3);
        await KeyAsync(cut, "Enter");

        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=row-status-3]").TextContent.Should().Be("Valid"));
        _changes.Should().ContainSingle().Which.ErrorRows.Should().Be(0);
    }

    [Fact]
    public async Task Enter_saves_what_is_typed_before_the_input_reports_a_change()
    {
        var import = await StageAsync();
        var cut = RenderGrid(import);
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=edit-row-3]"));
        await EditRowAsync(cut, 3);

        // A browser sends the key before the input's change (which comes on blur, or after Enter): only the typing is known.
        cut.Find("input[data-testid='edit-Email']").Input("bo@example.org");
        await KeyAsync(cut, "Enter");

        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=row-status-3]").TextContent.Should().Be("Valid"));
        Row(cut, 3).TextContent.Should().Contain("bo@example.org");
        _changes.Should().ContainSingle().Which.ErrorRows.Should().Be(1);
    }

    [Fact]
    public async Task Escape_puts_the_row_back_and_saves_nothing()
    {
        var import = await StageAsync();
        var cut = RenderGrid(import);
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=edit-row-3]"));
        await EditRowAsync(cut, 3);

        cut.Find("input[data-testid='edit-Email']").Input("bo@example.org");
        await KeyAsync(cut, "Escape");

        cut.FindAll("input[data-testid^=edit-]").Should().BeEmpty();
        cut.Find("[data-testid=row-status-3]").TextContent.Should().Be("Error");
        Row(cut, 3).TextContent.Should().Contain("not-an-email");
        _changes.Should().BeEmpty();
    }

    [Fact]
    public async Task The_pencil_puts_the_cursor_in_the_rows_first_failing_cell()
    {
        var import = await StageAsync();
        var cut = RenderGrid(import);
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=edit-row-4]"));

        await EditRowAsync(cut, 4);

        await cut.WaitForAssertionAsync(() =>
            JSInterop.Invocations.Should().Contain(i => i.Arguments.Any(a => Equals(a, "#cell-4-12")), "the first failing cell (Ethnicity) is scrolled into view"));
    }

    [Fact]
    public async Task The_pencil_on_a_valid_row_puts_the_cursor_in_its_first_cell()
    {
        var import = await StageAsync();
        var cut = RenderGrid(import);
        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=edit-row-2]"));

        await EditRowAsync(cut, 2);

        // Client ID is not in the file: First Name is the row's first cell.
        await cut.WaitForAssertionAsync(() => JSInterop.Invocations.Should().Contain(i => i.Identifier == "Blazor._internal.domWrapper.focus"));
        JSInterop.Invocations.Should().Contain(i => i.Arguments.Any(a => Equals(a, "#cell-2-1")), "the row's first cell is scrolled into view");
        var focused = JSInterop.Invocations.Where(i => i.Identifier == "Blazor._internal.domWrapper.focus")
            .Select(i => ((Microsoft.AspNetCore.Components.ElementReference)i.Arguments[0]!).Id).Should().ContainSingle().Subject;
        cut.Find($"input[blazor\\:elementreference='{focused}']").GetAttribute("data-testid").Should().Be("edit-First Name", "the cursor is in the row's first cell");
    }
}
