using Bunit;
using BulkImport.App.Components.Shared;
using BulkImport.Core.Imports;

namespace BulkImport.Tests.Components;

public sealed class ImportStepsTests : ComponentTest
{
    private List<string> States(ImportStatus status, bool confirming = false)
    {
        var cut = Render<ImportSteps>(p => p.Add(x => x.Status, status).Add(x => x.Confirming, confirming));
        return [.. Enumerable.Range(1, 6).Select(i => cut.Find($"[data-testid=import-step-{i}]").GetAttribute("data-state")!)];
    }

    [Fact]
    public void Names_the_steps_of_the_path_in_the_article_s_words()
    {
        var cut = Render<ImportSteps>(p => p.Add(x => x.Status, ImportStatus.ReadyForReview));

        cut.FindAll("[data-testid^=import-step-] .mud-typography").Select(e => e.TextContent)
            .Should().Equal("Select Domain", "Download Template", "Upload File", "Review Results", "Confirm Import", "Import");
    }

    [Fact]
    public void In_review_the_wizard_steps_are_done_and_Review_Results_is_current()
    {
        States(ImportStatus.ReadyForReview).Should().Equal("done", "optional", "done", "active", "todo", "todo");
        States(ImportStatus.Validating).Should().Equal("done", "optional", "done", "active", "todo", "todo");
    }

    [Fact]
    public void Download_Template_is_never_ticked_as_done_since_the_operator_may_have_skipped_it()
    {
        var cut = Render<ImportSteps>(p => p.Add(x => x.Status, ImportStatus.Committed));

        var step = cut.Find("[data-testid=import-step-2]");
        step.GetAttribute("data-state").Should().Be("optional");
        step.InnerHtml.Should().NotContain("mud-success-text");
    }

    [Fact]
    public void Confirming_moves_to_Confirm_Import()
    {
        States(ImportStatus.ReadyForReview, confirming: true).Should().Equal("done", "optional", "done", "done", "active", "todo");
    }

    [Fact]
    public void Committing_is_the_last_step_and_a_committed_import_has_every_step_done_but_the_optional_one()
    {
        States(ImportStatus.Committing).Should().Equal("done", "optional", "done", "done", "done", "active");
        States(ImportStatus.Committed).Should().Equal("done", "optional", "done", "done", "done", "done");
    }

    [Fact]
    public void A_file_that_cannot_be_imported_fails_at_Upload_File()
    {
        States(ImportStatus.ValidationFailed).Should().Equal("done", "optional", "error", "todo", "todo", "todo");
        States(ImportStatus.CommitFailed)[5].Should().Be("error");
    }
}
