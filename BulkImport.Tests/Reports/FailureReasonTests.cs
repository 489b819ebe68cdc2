using BulkImport.Core.Imports;
using BulkImport.Core.Reports;
using BulkImport.Tests.Components;

namespace BulkImport.Tests.Reports;

/// <summary>
/// Why a cancelled import failed, as View Results, the alert e-mail and the end screen say it: whether a replay can go
/// on is the replay's own answer, and an undone import does not say its rows stay committed. An outside audit found
/// "Replay the import to commit the rest" on imports whose replay was refused, and after an undo that took the rows back.
/// </summary>
public sealed class FailureReasonTests
{
    private static Import Cancelled(ImportStatus status = ImportStatus.Cancelled, int total = 10, int valid = 6, int inserted = 0)
    {
        var import = Samples.Import(total: total, valid: valid, status: status);
        import.Inserted = inserted;
        return import;
    }

    [Fact]
    public void An_import_cancelled_with_rows_to_commit_says_a_replay_commits_the_rest()
    {
        ImportOutcomes.FailureReason(Cancelled(inserted: 4)).Should()
            .EndWith("; the 4 rows committed before stay committed. Replay the import to commit the rest.");
    }

    [Fact]
    public void An_import_cancelled_while_its_file_was_read_says_why_it_cannot_be_replayed()
    {
        var import = Cancelled(total: 0, valid: 0);

        ImportOutcomes.FailureReason(import).Should().EndWith(
            ", before any row was committed. Import 42 was cancelled before its file was read to the end, so there is nothing to continue. Upload the file again to import it.")
            .And.EndWith(import.ReplayRefusal()!, "it gives the replay's own refusal");
    }

    [Fact]
    public void An_import_cancelled_with_possible_duplicates_to_verify_says_to_upload_it_again()
    {
        var import = Cancelled();
        import.UnresolvedDiscrepancies = 2;

        ImportOutcomes.FailureReason(import).Should().Contain("with 2 possible duplicates not verified").And.NotContain("Replay the import");
    }

    [Fact]
    public void An_import_cancelled_then_undone_does_not_say_its_rows_stay_committed()
    {
        ImportOutcomes.FailureReason(Cancelled(ImportStatus.Undone, inserted: 14_000)).Should()
            .EndWith("; 14,000 rows had been committed before (the undo says what became of them).")
            .And.NotContain("stay committed").And.NotContain("Replay");
    }
}
