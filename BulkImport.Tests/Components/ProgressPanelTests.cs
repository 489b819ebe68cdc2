using Bunit;
using BulkImport.App.Components.Shared;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Commit;

namespace BulkImport.Tests.Components;

public sealed class ProgressPanelTests : ComponentTest
{
    private static ImportProgress Progress(int processed, int total = 10_000, ImportStatus status = ImportStatus.Committing, double rate = 2_500, TimeSpan? left = null) =>
        new(42, status, total, processed, Inserted: processed - processed / 4 - 3, Updated: processed / 4, Failed: 3, rate, left);

    [Fact]
    public void Shows_the_bar_rows_committed_of_total_and_the_counts()
    {
        var cut = Render<ProgressPanel>(p => p.Add(x => x.Progress, Progress(4_000, left: TimeSpan.FromSeconds(2.4))));

        cut.Find("[data-testid=progress-bar]").GetAttribute("aria-valuenow").Should().Be("40");
        cut.Find("[data-testid=progress-rows]").TextContent.Should().Be("4,000 of 10,000 rows (40%)");
        cut.Find("[data-testid=progress-inserted]").TextContent.Should().Be("2,997");
        cut.Find("[data-testid=progress-updated]").TextContent.Should().Be("1,000");
        cut.Find("[data-testid=progress-failed]").TextContent.Should().Be("3");
        cut.Find("[data-testid=progress-rate]").TextContent.Should().Be("2,500 rows/s");
        cut.Find("[data-testid=progress-remaining]").TextContent.Should().Be("About 3 s remaining");
        cut.Markup.Should().Contain("Importing");
    }

    [Fact]
    public void Follows_new_snapshots()
    {
        var cut = Render<ProgressPanel>(p => p.Add(x => x.Progress, Progress(0, status: ImportStatus.Queued, rate: 0)));
        cut.Markup.Should().Contain("Waiting to start");
        cut.FindAll("[data-testid=progress-remaining]").Should().BeEmpty();

        cut.Render(p => p.Add(x => x.Progress, Progress(10_000, left: TimeSpan.Zero)));

        cut.Find("[data-testid=progress-rows]").TextContent.Should().Be("10,000 of 10,000 rows (100%)");
        cut.Find("[data-testid=progress-bar]").GetAttribute("aria-valuenow").Should().Be("100");
    }

    [Fact]
    public void Time_remaining_reads_in_minutes_when_long()
    {
        ProgressPanel.FormatRemaining(TimeSpan.FromSeconds(125)).Should().Be("2 min 5 s");
        ProgressPanel.FormatRemaining(TimeSpan.FromSeconds(0.2)).Should().Be("1 s");
    }

    [Fact]
    public void Cancel_raises_OnCancel()
    {
        var cancelled = 0;
        var cut = Render<ProgressPanel>(p => p.Add(x => x.Progress, Progress(100)).Add(x => x.OnCancel, () => cancelled++));

        var cancel = cut.Find("[data-testid=cancel-import]");
        cancel.TextContent.Trim().Should().Be("Cancel");
        cancel.Click();

        cancelled.Should().Be(1);
    }

    [Fact]
    public void A_viewer_who_may_not_cancel_sees_no_Cancel()
    {
        var cut = Render<ProgressPanel>(p => p.Add(x => x.Progress, Progress(100)).Add(x => x.CanCancel, false));

        cut.FindAll("[data-testid=cancel-import]").Should().BeEmpty();
    }
}
