using BulkImport.Core.Imports;
using Microsoft.AspNetCore.Components.Web;
using Bunit;
using BulkImport.App.Components.Shared;

namespace BulkImport.Tests.Components;

public sealed class CountsBarTests : ComponentTest
{
    [Fact]
    public void Shows_total_valid_error_and_skipped_rows_as_figures()
    {
        var cut = Render<CountsBar>(p => p.Add(x => x.Import, Samples.Import(total: 12_345, valid: 12_000, errors: 300, skipped: 45, inserts: 11_000, updates: 1_000)));

        cut.Find("[data-testid=count-total]").TextContent.Should().Be("12,345");
        cut.Find("[data-testid=count-valid]").TextContent.Should().Be("12,000");
        cut.Find("[data-testid=count-error]").TextContent.Should().Be("300");
        cut.Find("[data-testid=count-skipped]").TextContent.Should().Be("45");
        var labels = cut.FindAll(".mud-typography-caption").Select(e => e.TextContent).ToList();
        labels.Should().Equal("Total Rows", "Valid Rows", "Error Rows", "Skipped Rows");
        cut.Find("[data-testid=count-actions]").TextContent.Should().Contain("11,000 will be inserted and 1,000 updated");
    }

    [Fact]
    public void After_the_commit_the_actions_line_says_what_was_done_not_what_will_be()
    {
        var import = Samples.Import(total: 300, valid: 259, errors: 41, skipped: 0, inserts: 259, updates: 0, status: ImportStatus.Committed);
        import.Inserted = 259;

        var cut = Render<CountsBar>(p => p.Add(x => x.Import, import));

        cut.Find("[data-testid=count-actions]").TextContent.Trim().Should().Be("259 rows were inserted and 0 updated.");
    }

    [Fact]
    public void After_the_commit_one_inserted_row_reads_row_was_not_rows_were()
    {
        var import = Samples.Import(total: 7, valid: 2, errors: 0, skipped: 5, inserts: 1, updates: 1, status: ImportStatus.Committed);
        import.Inserted = 1;
        import.Updated = 1;

        var cut = Render<CountsBar>(p => p.Add(x => x.Import, import));

        cut.Find("[data-testid=count-actions]").TextContent.Trim().Should().Be("1 row was inserted and 1 updated.");
    }

    [Fact]
    public async Task A_figure_acts_on_Enter_and_Space_like_a_button()
    {
        var raised = new List<RowFilter>();
        var cut = Render<CountsBar>(p => p.Add(x => x.Import, Samples.Import()).Add(x => x.OnFilter, f => raised.Add(f)));

        await cut.Find("[data-testid=count-error-card]").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });
        await cut.Find("[data-testid=count-valid-card]").KeyDownAsync(new KeyboardEventArgs { Key = " " });
        await cut.Find("[data-testid=count-total-card]").KeyDownAsync(new KeyboardEventArgs { Key = "a" });

        raised.Should().Equal(RowFilter.Errors, RowFilter.Valid);
    }

    [Fact]
    public void Says_nothing_about_actions_when_no_row_is_valid()
    {
        var cut = Render<CountsBar>(p => p.Add(x => x.Import, Samples.Import(total: 2, valid: 0, errors: 2, skipped: 0, inserts: 0, updates: 0)));

        cut.FindAll("[data-testid=count-actions]").Should().BeEmpty();
    }

    [Theory]
    [InlineData("count-total-card", RowFilter.All)]
    [InlineData("count-valid-card", RowFilter.Valid)]
    [InlineData("count-error-card", RowFilter.Errors)]
    [InlineData("count-skipped-card", RowFilter.Skipped)]
    public void A_click_on_a_figure_raises_its_filter(string card, RowFilter expected)
    {
        var raised = new List<RowFilter>();
        var cut = Render<CountsBar>(p => p.Add(x => x.Import, Samples.Import()).Add(x => x.OnFilter, f => raised.Add(f)));

        cut.Find($"[data-testid={card}]").Click();

        raised.Should().Equal(expected);
    }

    [Fact]
    public void The_figure_of_the_shown_filter_is_marked()
    {
        var cut = Render<CountsBar>(p => p.Add(x => x.Import, Samples.Import()).Add(x => x.Active, RowFilter.Errors));

        cut.Find("[data-testid=count-error-card]").GetAttribute("aria-pressed").Should().Be("true");
        cut.Find("[data-testid=count-total-card]").GetAttribute("aria-pressed").Should().Be("false");

        cut.Render(p => p.Add(x => x.Active, RowFilter.All));

        cut.Find("[data-testid=count-total-card]").GetAttribute("aria-pressed").Should().Be("true");
        cut.Find("[data-testid=count-error-card]").GetAttribute("aria-pressed").Should().Be("false");
    }
}
