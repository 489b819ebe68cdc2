using Bunit;
using BulkImport.App.Components.Shared;
using BulkImport.Core.Imports;

namespace BulkImport.Tests.Components;

public sealed class CompletionSummaryTests : ComponentTest
{
    private static Import Done(ImportStatus status = ImportStatus.Committed, string? reason = null)
    {
        var import = Samples.Import(status: status, failureReason: reason);
        import.Inserted = 1_204;
        import.Updated = 310;
        import.Failed = 2;
        import.ValidRows = 1_516;
        import.ProcessedRows = status == ImportStatus.Committed ? 1_516 : 379;
        return import;
    }

    [Fact]
    public void Shows_records_inserted_updated_and_failed()
    {
        var cut = Render<CompletionSummary>(p => p.Add(x => x.Import, Done()));

        cut.Find("h6").TextContent.Should().Be("Import complete");
        cut.Find("[data-testid=done-inserted]").TextContent.Should().Be("1,204");
        cut.Find("[data-testid=done-updated]").TextContent.Should().Be("310");
        cut.Find("[data-testid=done-failed]").TextContent.Should().Be("5", "the results file lists the 3 error rows and the 2 rows the commit could not apply as Failed");
        cut.FindAll(".mud-typography-caption").Select(c => c.TextContent).Should().Equal("Records Inserted", "Records Updated", "Records Failed");
        cut.Find("[data-testid=status-chip]").TextContent.Should().Be("Committed");
        cut.Find("[data-testid=done-progress]").TextContent.Should().Be("1,516 of 1,516 rows committed (100%)");
    }

    [Fact]
    public void Records_Failed_agrees_with_the_grid_s_error_rows_and_the_results_file()
    {
        var import = Samples.Import(total: 300, valid: 257, errors: 41, skipped: 2, status: ImportStatus.Committed);
        import.Inserted = 257;
        import.ProcessedRows = 257;

        var cut = Render<CompletionSummary>(p => p.Add(x => x.Import, import));

        cut.Find("[data-testid=done-failed]").TextContent.Should().Be("41");
        cut.Find("[data-testid=done-not-imported]").TextContent.Should().Be("Not imported: 41 rows with errors · 2 rows skipped. The results file lists each row with its reason.");
    }

    [Fact]
    public void A_cancelled_import_says_how_many_valid_rows_the_commit_did_not_reach()
    {
        var cut = Render<CompletionSummary>(p => p.Add(x => x.Import, Done(ImportStatus.Cancelled)));

        cut.Find("[data-testid=done-not-imported]").TextContent.Should().Contain("1,137 rows not reached before the cancel");
    }

    [Fact]
    public void Support_staff_who_cannot_start_imports_are_not_offered_New_Import()
    {
        var cut = Render<CompletionSummary>(p => p.Add(x => x.Import, Done()).Add(x => x.CanStartImport, false));

        cut.FindAll("[data-testid=new-import]").Should().BeEmpty();
        cut.Find("[data-testid=return-to-history]").TextContent.Trim().Should().Be("Return to History");
    }

    [Fact]
    public void Offers_Download_Results_New_Import_and_Return_to_History()
    {
        var cut = Render<CompletionSummary>(p => p.Add(x => x.Import, Done()));

        var download = cut.Find("[data-testid=download-results]");
        download.TextContent.Trim().Should().Be("Download Results");
        download.GetAttribute("href").Should().Be("/api/imports/42/results.csv");
        download.HasAttribute("download").Should().BeTrue("a download must not be taken for a page to route to");
        cut.Find("[data-testid=new-import]").GetAttribute("href").Should().Be("/imports?tab=new");
        cut.Find("[data-testid=new-import]").TextContent.Trim().Should().Be("New Import");
        cut.Find("[data-testid=return-to-history]").GetAttribute("href").Should().Be("/imports?tab=history");
        cut.Find("[data-testid=return-to-history]").TextContent.Trim().Should().Be("Return to History");
        cut.FindAll("[data-testid=replay-import]").Should().BeEmpty();
    }

    [Fact]
    public void Without_the_right_to_download_there_is_no_Download_Results()
    {
        var cut = Render<CompletionSummary>(p => p.Add(x => x.Import, Done()).Add(x => x.CanDownload, false));

        cut.FindAll("[data-testid=download-results]").Should().BeEmpty();
    }

    [Fact]
    public void A_stopped_commit_says_why_and_offers_Replay_to_who_may()
    {
        var replayed = 0;
        var cut = Render<CompletionSummary>(p => p
            .Add(x => x.Import, Done(ImportStatus.CommitFailed, "The commit stopped: disk full. Replay the import to continue."))
            .Add(x => x.CanReplay, true)
            .Add(x => x.OnReplay, () => replayed++));

        cut.Find("h6").TextContent.Should().Be("Import stopped");
        cut.Find("[data-testid=failure-reason]").TextContent.Should().Contain("disk full");
        cut.Find("[data-testid=replay-import]").Click();

        replayed.Should().Be(1);
    }

    [Fact]
    public void A_cancelled_import_says_so()
    {
        var cut = Render<CompletionSummary>(p => p.Add(x => x.Import, Done(ImportStatus.Cancelled)));

        cut.Find("h6").TextContent.Should().Be("Import cancelled");
        cut.Find("[data-testid=done-progress]").TextContent.Should().Be("379 of 1,516 rows committed (25%)");
        cut.Find("[data-testid=status-chip]").TextContent.Should().Be("Cancelled");
    }
}
