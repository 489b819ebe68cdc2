using Bunit;
using BulkImport.App.Components.Shared;
using BulkImport.Core.Usage;

namespace BulkImport.Tests.Components;

public sealed class ConfirmPanelTests : ComponentTest
{
    private static UsageReport Usage(long usedToday = 100, long perDay = 1_000_000) => new(
        new UsagePeriod("Today", usedToday, perDay),
        new UsagePeriod("This Week", 2_000, 5_000_000),
        new UsagePeriod("This Month", 30_000, 20_000_000));

    [Fact]
    public void Shows_file_name_rows_to_import_total_rows_and_errors_not_imported()
    {
        var cut = Render<ConfirmPanel>(p => p.Add(x => x.Import, Samples.Import(total: 1_500, valid: 1_200, errors: 250, skipped: 50, fileName: "spring.csv")).Add(x => x.Usage, Usage()));

        cut.Find("h6").TextContent.Should().Be("Confirm Import");
        cut.Find("[data-testid=confirm-file-name]").TextContent.Should().Be("spring.csv");
        cut.Find("[data-testid=confirm-rows]").TextContent.Should().Be("1,200");
        cut.Find("[data-testid=confirm-total]").TextContent.Should().Be("1,500");
        cut.Find("[data-testid=confirm-errors]").TextContent.Should().Be("250");
        cut.Find("[data-testid=confirm-kind]").TextContent.Should().Be("Client · Add & Update");
        var labels = cut.FindAll("tbody tr td:first-child").Select(td => td.TextContent).ToList();
        labels.Should().ContainInOrder("File Name", "Rows to Import", "Total Rows", "Errors Not Imported");
        cut.Markup.Should().Contain("250 error rows will not be imported");
    }

    [Fact]
    public void The_usage_table_shows_today_this_week_and_this_month_used_and_allowed()
    {
        var cut = Render<ConfirmPanel>(p => p.Add(x => x.Import, Samples.Import(valid: 1_200)).Add(x => x.Usage, Usage()));

        var table = cut.Find("[data-testid=usage-table]");
        table.QuerySelectorAll("th").Select(th => th.TextContent).Should().Equal("", "Used", "Allowed", "After this import");
        Cells(cut, "usage-today").Should().Equal("Today", "100", "1,000,000", "1,300");
        Cells(cut, "usage-this-week").Should().Equal("This Week", "2,000", "5,000,000", "3,200");
        Cells(cut, "usage-this-month").Should().Equal("This Month", "30,000", "20,000,000", "31,200");
    }

    [Fact]
    public void Confirm_and_Import_raises_OnConfirm()
    {
        var confirmed = 0;
        var cut = Render<ConfirmPanel>(p => p.Add(x => x.Import, Samples.Import()).Add(x => x.Usage, Usage()).Add(x => x.OnConfirm, () => confirmed++));

        var button = cut.Find("[data-testid=confirm-import]");
        button.TextContent.Trim().Should().Be("Confirm & Import");
        button.HasAttribute("disabled").Should().BeFalse();
        button.Click();

        confirmed.Should().Be(1);
        cut.FindAll("[data-testid=confirm-blocked]").Should().BeEmpty();
    }

    [Fact]
    public void Over_a_limit_Confirm_and_Import_is_disabled_with_the_reason_and_by_how_much()
    {
        var cut = Render<ConfirmPanel>(p => p.Add(x => x.Import, Samples.Import(valid: 6)).Add(x => x.Usage, Usage(usedToday: 999_999, perDay: 1_000_000)));

        cut.Find("[data-testid=confirm-import]").HasAttribute("disabled").Should().BeTrue();
        var reason = cut.Find("[data-testid=confirm-blocked]").TextContent;
        reason.Should().Contain("limit").And.Contain("1,000,000").And.Contain("by 5 rows");
        cut.Find("[data-testid=usage-today] td:last-child").ClassList.Should().Contain("mud-error-text");
    }

    [Fact]
    public void With_no_valid_rows_there_is_nothing_to_confirm()
    {
        var cut = Render<ConfirmPanel>(p => p.Add(x => x.Import, Samples.Import(total: 3, valid: 0, errors: 3, skipped: 0, inserts: 0, updates: 0)).Add(x => x.Usage, Usage()));

        cut.Find("[data-testid=confirm-import]").HasAttribute("disabled").Should().BeTrue();
        cut.Find("[data-testid=confirm-blocked]").TextContent.Should().Contain("no valid rows");
    }

    /// <summary>
    /// SPEC 14: the commit is refused while possible duplicates wait. Confirm &amp; Import was enabled and the click then
    /// refused (outside audit); it is disabled with the reason, as for a usage limit.
    /// </summary>
    [Fact]
    public void Possible_duplicates_left_to_verify_disable_Confirm_and_Import_with_the_reason()
    {
        var import = Samples.Import(valid: 6);
        import.Discrepancies = 3;
        import.UnresolvedDiscrepancies = 3;

        var cut = Render<ConfirmPanel>(p => p.Add(x => x.Import, import).Add(x => x.Usage, Usage()));

        cut.Find("[data-testid=confirm-import]").HasAttribute("disabled").Should().BeTrue();
        cut.Find("[data-testid=confirm-blocked]").TextContent.Should().Be(
            "Import 42 has 3 possible duplicates left to verify. Open View Discrepancies and choose Select (update the existing person) or New Person for each; then the import can be committed.");
    }

    [Fact]
    public void Busy_disables_the_button_so_a_second_click_cannot_confirm_twice()
    {
        var cut = Render<ConfirmPanel>(p => p.Add(x => x.Import, Samples.Import()).Add(x => x.Usage, Usage()).Add(x => x.Busy, true));

        cut.Find("[data-testid=confirm-import]").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void Back_to_Review_raises_OnBack()
    {
        var back = 0;
        var cut = Render<ConfirmPanel>(p => p.Add(x => x.Import, Samples.Import()).Add(x => x.Usage, Usage()).Add(x => x.OnBack, () => back++));

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Back to Review").Click();

        back.Should().Be(1);
    }

    private static List<string> Cells(IRenderedComponent<ConfirmPanel> cut, string row) =>
        cut.Find($"[data-testid={row}]").QuerySelectorAll("td").Select(td => td.TextContent).ToList();
}
