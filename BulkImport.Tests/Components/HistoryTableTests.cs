using Bunit;
using BulkImport.App.Components.Shared;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Components;

public sealed class HistoryTableTests(AppFixture fixture) : AppComponentTest(fixture)
{
    // Each test lists the imports of its own user, so tests sharing the app's database do not see each other's.
    private IRenderedComponent<MudBlazor.MudPopoverProvider>? _popovers;
    private readonly string _user = $"op-{Guid.NewGuid():N}@bulkimport.local";

    private async Task<Import> StageAsync(string fileName, ImportStatus? status = null)
    {
        var import = await StagedImports.CreateAsync(AppServices, ["First Name", "Last Name", "Email"],
            [["Ann", "Smith", "ann@example.org"], ["Bob", "Jones", "not-an-email"]], createdBy: _user, fileName: fileName);
        if (status is { } s)
        {
            await AppServices.SetStatusAsync(import.Id, s);
        }

        return import;
    }

    private IRenderedComponent<HistoryTable> RenderTable(string role = Roles.Importer, bool withPopovers = false)
    {
        SignIn(_user, role);
        if (withPopovers)
        {
            _popovers = RenderPopovers();
        }

        return Render<HistoryTable>(p => p.Add(x => x.CreatedBy, _user));
    }

    private static List<string> RowIds(IRenderedComponent<HistoryTable> cut) =>
        cut.FindAll("[data-testid=history-table] tbody tr td:first-child a[href^='/imports/']").Select(a => a.TextContent).ToList();

    [Fact]
    public async Task Has_the_columns_of_the_history_in_order()
    {
        await StageAsync("a.csv");
        var cut = RenderTable();

        await cut.WaitForAssertionAsync(() => RowIds(cut).Should().HaveCount(1));
        var headers = cut.FindAll("[data-testid=history-table] thead th").Select(th => th.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        headers.Should().Equal("Import ID", "Domain", "Status", "Operation", "File Name", "Batch", "Total Records", "Valid Records", "Errors", "User", "Date");
    }

    [Fact]
    public async Task Lists_imports_newest_first_with_their_figures_a_status_chip_and_a_link()
    {
        var first = await StageAsync("first.csv", ImportStatus.Committed);
        var second = await StageAsync("second.csv");
        var cut = RenderTable();

        await cut.WaitForAssertionAsync(() => RowIds(cut).Should().Equal(second.Id.ToString(), first.Id.ToString()));
        var cells = cut.FindAll("[data-testid=history-table] tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        cells.Take(11).Should().Equal(second.Id.ToString(), "Client", "Ready for Review", "Add & Update", "second.csv", "", "2", "1", "1", _user, second.CreatedAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm"));
        cut.Find($"a[href='/imports/{second.Id}']").TextContent.Should().Be(second.Id.ToString());
        var chips = cut.FindAll("[data-testid=status-chip]");
        chips.Select(c => c.TextContent).Should().Equal("Ready for Review", "Committed");
        chips[1].ClassList.Should().Contain(c => c.Contains("success"));
    }

    [Fact]
    public async Task Download_Results_for_each_row_the_viewer_may_download()
    {
        var committed = await StageAsync("done.csv", ImportStatus.Committed);
        var failed = await StageAsync("bad.csv", ImportStatus.ValidationFailed);
        var cut = RenderTable();

        await cut.WaitForAssertionAsync(() => RowIds(cut).Should().HaveCount(2));
        var download = cut.Find($"[data-testid=history-download-{committed.Id}]");
        download.GetAttribute("href").Should().Be($"/api/imports/{committed.Id}/results.csv");
        download.TextContent.Trim().Should().Be("Download Results");
        cut.FindAll($"[data-testid=history-download-{failed.Id}]").Should().BeEmpty("a file that could not be read has no row results");
    }

    [Fact]
    public async Task A_supervisor_may_download_the_results_of_the_imports_they_see()
    {
        // SPEC 18 (wave 2) changed this: whoever may see an import may download its results, Supervisors included.
        var committed = await StageAsync("done.csv", ImportStatus.Committed);
        var cut = RenderTable(Roles.Supervisor);

        await cut.WaitForAssertionAsync(() => RowIds(cut).Should().HaveCount(1));
        cut.Find($"[data-testid=history-download-{committed.Id}]").GetAttribute("href").Should().Be($"/api/imports/{committed.Id}/results.csv");
    }

    /// <summary>Seed 001: "Click on the status to view the batch information screen" (an import awaiting verification goes on there).</summary>
    [Fact]
    public async Task The_status_of_each_line_opens_the_import_s_page()
    {
        var review = await StageAsync("review.csv");
        var committed = await StageAsync("done.csv", ImportStatus.Committed);
        var cut = RenderTable();

        await cut.WaitForAssertionAsync(() => RowIds(cut).Should().HaveCount(2));
        foreach (var import in new[] { review, committed })
        {
            var status = cut.Find($"[data-testid=history-status-{import.Id}]");
            status.TagName.Should().Be("A");
            status.GetAttribute("href").Should().Be($"/imports/{import.Id}");
            status.QuerySelector("[data-testid=status-chip]")!.TextContent.Should().Be(import.Id == review.Id ? "Ready for Review" : "Committed");
        }
    }

    [Fact]
    public async Task Each_line_has_View_Results()
    {
        var review = await StageAsync("review.csv");
        var failed = await StageAsync("bad.csv", ImportStatus.ValidationFailed);
        var cut = RenderTable();

        await cut.WaitForAssertionAsync(() => RowIds(cut).Should().HaveCount(2));
        foreach (var import in new[] { review, failed })
        {
            var view = cut.Find($"[data-testid=history-view-results-{import.Id}]");
            view.GetAttribute("href").Should().Be($"/imports/{import.Id}/report");
            view.TextContent.Trim().Should().Be("View Results");
        }
    }

    [Fact]
    public async Task Filters_by_status()
    {
        var committed = await StageAsync("done.csv", ImportStatus.Committed);
        await StageAsync("review.csv");
        var cut = RenderTable(withPopovers: true);
        var popovers = _popovers!;
        await cut.WaitForAssertionAsync(() => RowIds(cut).Should().HaveCount(2));

        cut.Find("[data-testid=history-status-filter]").Closest(".mud-input-control")!.MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Should().NotBeEmpty());
        popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "Committed").Click();

        await cut.WaitForAssertionAsync(() => RowIds(cut).Should().Equal(committed.Id.ToString()));
    }

    [Fact]
    public async Task A_search_that_matches_nothing_says_so_and_does_not_claim_there_are_no_imports()
    {
        await StageAsync("spring.csv");
        var cut = RenderTable();
        await cut.WaitForAssertionAsync(() => RowIds(cut).Should().HaveCount(1));

        // Leaving the box commits what was typed without waiting for the search's debounce.
        cut.Find("input[data-testid=history-search]").Input("autumn");
        cut.Find("input[data-testid=history-search]").Blur();

        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=history-empty]").TextContent.Should().Be("No import matches \"autumn\"."));
        RowIds(cut).Should().BeEmpty();
    }

    [Fact]
    public void Without_imports_it_says_how_to_start_one()
    {
        var cut = RenderTable();

        cut.WaitForAssertion(() => cut.Find("[data-testid=history-empty]").TextContent.Should().Be("No imports yet. Start one on the New Import tab."));
    }

    [Fact]
    public async Task Sorts_by_date_oldest_first_on_a_click()
    {
        var first = await StageAsync("first.csv");
        var second = await StageAsync("second.csv");
        var cut = RenderTable();
        await cut.WaitForAssertionAsync(() => RowIds(cut).Should().Equal(second.Id.ToString(), first.Id.ToString()));

        var th = cut.FindAll("[data-testid=history-table] thead th").Single(th => th.TextContent.Trim() == "Date");
        th.GetAttribute("aria-sort").Should().Be("descending");
        th.QuerySelector("[data-testid=history-sort-date]")!.Click();

        await cut.WaitForAssertionAsync(() => RowIds(cut).Should().Equal(first.Id.ToString(), second.Id.ToString()));
    }

    [Fact]
    public async Task A_click_on_a_row_opens_the_import()
    {
        var import = await StageAsync("open.csv");
        var cut = RenderTable();
        await cut.WaitForAssertionAsync(() => RowIds(cut).Should().HaveCount(1));

        cut.Find("[data-testid=history-table] tbody tr td:nth-child(5)").Click();

        Services.GetRequiredService<NavigationManager>().Uri.Should().EndWith($"/imports/{import.Id}");
    }
}
