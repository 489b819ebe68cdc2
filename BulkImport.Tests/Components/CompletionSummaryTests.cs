using Bunit;
using BulkImport.App.Components.Shared;
using BulkImport.Core.Imports;

namespace BulkImport.Tests.Components;

public sealed class CompletionSummaryTests : ComponentTest
{
    /// <summary>1,520 rows: 1,516 valid, 3 errors, 1 skipped; a commit that ended went through every valid row, one that stopped through 379.</summary>
    private static Import Done(ImportStatus status = ImportStatus.Committed, string? reason = null)
    {
        var import = Samples.Import(total: 1_520, valid: 1_516, errors: 3, skipped: 1, status: status, failureReason: reason);
        var ended = status == ImportStatus.Committed;
        import.Inserted = ended ? 1_204 : 300;
        import.Updated = ended ? 310 : 77;
        import.Failed = 2;
        import.ProcessedRows = ended ? 1_516 : 379;
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
        cut.Find("[data-testid=done-not-imported]").TextContent.Should().Be("Not imported: 43 rows (41 with errors · 2 skipped). The results file lists each row with its reason.");
    }

    /// <summary>
    /// SPEC 18: not imported = Total Rows − inserted − updated − blank rows, as View Results counts it. A file with one
    /// blank row and one row the operator skipped said "2 rows skipped" here and 1 on View Results.
    /// </summary>
    [Fact]
    public void Blank_rows_are_not_counted_as_not_imported_so_the_count_is_View_Results_one()
    {
        var import = Samples.Import(total: 4, valid: 2, errors: 0, skipped: 2, status: ImportStatus.Committed);
        import.Inserted = 2;
        import.ProcessedRows = 2;

        var cut = Render<CompletionSummary>(p => p.Add(x => x.Import, import).Add(x => x.BlankRows, 1));

        BulkImport.Core.Reports.ImportOutcomes.NotImported(import, blankRows: 1).Should().Be(1);
        cut.Find("[data-testid=done-not-imported]").TextContent.Should().Be("Not imported: 1 row (1 skipped). The results file lists each row with its reason.");
    }

    [Fact]
    public void A_file_whose_only_rows_left_are_blank_says_nothing_was_left_out()
    {
        var import = Samples.Import(total: 3, valid: 2, errors: 0, skipped: 1, status: ImportStatus.Committed);
        import.Inserted = 2;
        import.ProcessedRows = 2;

        var cut = Render<CompletionSummary>(p => p.Add(x => x.Import, import).Add(x => x.BlankRows, 1));

        cut.FindAll("[data-testid=done-not-imported]").Should().BeEmpty("View Results calls it fully processed");
    }

    [Fact]
    public void A_cancelled_import_says_how_many_valid_rows_the_commit_did_not_reach()
    {
        var cut = Render<CompletionSummary>(p => p.Add(x => x.Import, Done(ImportStatus.Cancelled)));

        cut.Find("[data-testid=done-not-imported]").TextContent.Should().Be("Not imported: 1,143 rows (3 with errors · 2 failed during the commit · 1,137 not reached before the cancel · 1 skipped). The results file lists each row with its reason.");
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
        cut.Find("[data-testid=failure-reason]").TextContent.Should().Contain("the 377 rows committed before stay committed")
            .And.Contain("Replay the import to commit the rest.", "the end screen says what View Results and the e-mail say");
    }

    /// <summary>
    /// SPEC 20's round trip from the end screen: the error rows as uploaded, to fix in a spreadsheet, and the way to send
    /// them back linked to this import. Only a person who may import is offered the upload.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Error_rows_can_be_downloaded_and_a_corrected_file_uploaded_from_the_end_screen(bool mayImport)
    {
        var cut = Render<CompletionSummary>(p => p.Add(x => x.Import, Done()).Add(x => x.CanStartImport, mayImport));

        cut.Find("[data-testid=fix-in-spreadsheet]").TextContent.Should().Contain("To fix the rows with errors in a spreadsheet:");
        cut.Find("[data-testid=download-error-rows]").GetAttribute("href").Should().Be("/api/imports/42/rows.csv?status=Error");
        cut.FindAll("[data-testid=upload-corrected-file]").Select(b => b.GetAttribute("href")).Should().Equal(mayImport ? ["/imports?tab=new&fixes=42"] : []);
    }

    [Fact]
    public void An_import_without_error_rows_offers_no_corrected_file()
    {
        var import = Samples.Import(total: 3, valid: 3, errors: 0, skipped: 0, status: ImportStatus.Committed);
        import.Inserted = 3;
        import.ProcessedRows = 3;

        var cut = Render<CompletionSummary>(p => p.Add(x => x.Import, import));

        cut.FindAll("[data-testid=fix-in-spreadsheet]").Should().BeEmpty();
    }
}
