using BulkImport.Core.Imports;

namespace BulkImport.Tests.Imports;

/// <summary>The import alone decides its status changes (SPEC 3) and refuses those its status does not allow, saying why.</summary>
public sealed class ImportLifecycleTests
{
    private static readonly DateTime Now = new(2026, 12, 5, 9, 0, 0, DateTimeKind.Utc);

    private static Import In(ImportStatus status) => new()
    {
        Id = 7, Status = status, FileName = "f.csv", StoredFileName = "s.csv", CreatedBy = "importer@bulkimport.local", ValidRows = 3,
    };

    public static TheoryData<ImportStatus, string, Action<Import>> Refusals => new()
    {
        { ImportStatus.Validating, "Import 7 is still being read and validated", i => i.Confirm("u", Now) },
        { ImportStatus.Queued, "Import 7 is already being committed", i => i.Confirm("u", Now) },
        { ImportStatus.Cancelled, "Import 7 is Cancelled. Use replay to continue it", i => i.Confirm("u", Now) },
        { ImportStatus.Committed, "Import 7 is Committed; only an import that has not finished can be cancelled", i => i.Cancel("u", Now) },
        { ImportStatus.ValidationFailed, "Import 7 is ValidationFailed; only an import that has not finished can be cancelled", i => i.Cancel("u", Now) },
        { ImportStatus.Committed, "only a CommitFailed or Cancelled import can be replayed", i => i.Replay("u", Now) },
        { ImportStatus.Queued, "Import 7 was confirmed, so its rows can no longer be changed", i => i.EnsureRowsCanChange() },
        { ImportStatus.Validating, "Rows of import 7 cannot be changed while it is Validating", i => i.EnsureRowsCanChange() },
        { ImportStatus.ReadyForReview, "Import 7 is ReadyForReview and cannot start its commit", i => i.StartCommit(Now) },
        { ImportStatus.Queued, "Import 7 is Queued and cannot be marked committed", i => i.MarkCommitted(Now) },
        { ImportStatus.Committed, "Import 7 is Committed and cannot be marked CommitFailed", i => i.MarkCommitFailed("x", Now) },
        { ImportStatus.ReadyForReview, "Import 7 is ReadyForReview and cannot finish reading", i => i.FinishReading() },
        { ImportStatus.Committed, "Import 7 is Committed and cannot be marked cancelled", i => i.MarkCancelled(Now) },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_change_its_status_does_not_allow_is_refused_with_409_and_the_status_is_unchanged(ImportStatus status, string message, Action<Import> change)
    {
        var import = In(status);

        var refusal = FluentActions.Invoking(() => change(import)).Should().Throw<ImportProblem>().Which;

        refusal.StatusCode.Should().Be(409);
        refusal.Message.Should().Contain(message);
        import.Status.Should().Be(status);
    }

    [Fact]
    public void An_import_without_valid_rows_cannot_be_confirmed()
    {
        var import = new Import { Id = 8, Status = ImportStatus.ReadyForReview, FileName = "f.csv", StoredFileName = "s.csv", CreatedBy = "u", ErrorRows = 2, TotalRows = 2 };

        FluentActions.Invoking(() => import.Confirm("u", Now)).Should().Throw<ImportProblem>()
            .Which.Message.Should().Be("Import 8 has no valid rows to import. Fix the error rows first.");
        import.Status.Should().Be(ImportStatus.ReadyForReview);
    }

    [Fact]
    public void An_import_goes_through_its_life_and_each_change_stamps_who_and_when()
    {
        var import = In(ImportStatus.Validating);

        import.FinishReading();
        import.Status.Should().Be(ImportStatus.ReadyForReview);
        import.Confirm("importer", Now);
        (import.Status, import.ConfirmedBy, import.ConfirmedAt).Should().Be((ImportStatus.Queued, "importer", Now));
        import.StartCommit(Now.AddSeconds(1));
        (import.Status, import.CommitStartedAt).Should().Be((ImportStatus.Committing, Now.AddSeconds(1)));
        import.Cancel("supervisor", Now.AddSeconds(2)).Should().BeFalse("a commit stops at its next batch boundary");
        (import.Status, import.CancelRequested, import.CancelledBy).Should().Be((ImportStatus.Committing, true, "supervisor"));
        import.MarkCancelled(Now.AddSeconds(3));
        (import.Status, import.CompletedAt, import.CancelledAt).Should().Be((ImportStatus.Cancelled, Now.AddSeconds(3), Now.AddSeconds(2)));
        import.Replay("support", Now.AddSeconds(4));
        (import.Status, import.CancelRequested, import.CompletedAt, import.ReplayedBy).Should().Be((ImportStatus.Queued, false, null, "support"));
        import.StartCommit(Now.AddSeconds(5));
        import.MarkCommitFailed("disk full", Now.AddSeconds(6));
        (import.Status, import.FailureReason).Should().Be((ImportStatus.CommitFailed, "disk full"));
        import.Replay("support", Now.AddSeconds(7));
        import.StartCommit(Now.AddSeconds(8));
        import.FailureReason.Should().BeNull("a new run has not failed");
        import.MarkCommitted(Now.AddSeconds(9));
        (import.Status, import.CompletedAt).Should().Be((ImportStatus.Committed, Now.AddSeconds(9)));
    }

    [Fact]
    public void A_cancel_made_while_the_file_is_read_stands_when_reading_ends_or_fails()
    {
        var read = In(ImportStatus.Validating);
        read.Cancel("importer", Now).Should().BeTrue();
        read.FinishReading();
        read.Status.Should().Be(ImportStatus.Cancelled);

        var failed = In(ImportStatus.Validating);
        failed.Cancel("importer", Now).Should().BeTrue();
        failed.FailValidation(["File is empty"], Now.AddSeconds(1));
        (failed.Status, failed.CompletedAt, failed.FileErrors.Single()).Should().Be((ImportStatus.Cancelled, Now, "File is empty"));
    }

    [Fact]
    public void An_import_cancelled_before_anyone_confirmed_it_is_replayed_only_if_it_could_have_been_confirmed()
    {
        // Cancelled while its file was read (its counts are saved when the reading ends): nothing to continue.
        var reading = In(ImportStatus.Validating);
        reading.Cancel("importer", Now);
        FluentActions.Invoking(() => reading.Replay("support", Now)).Should().Throw<ImportProblem>()
            .Which.Message.Should().Be("Import 7 was cancelled before its file was read to the end, so there is nothing to continue. Upload the file again to import it.");

        var unverified = In(ImportStatus.AwaitingVerification);
        unverified.TotalRows = 5;
        unverified.UnresolvedDiscrepancies = 2;
        unverified.Cancel("importer", Now);
        FluentActions.Invoking(() => unverified.Replay("support", Now)).Should().Throw<ImportProblem>()
            .Which.Message.Should().StartWith("Import 7 was cancelled with 2 possible duplicates not verified");

        var nothingValid = In(ImportStatus.ReadyForReview);
        (nothingValid.TotalRows, nothingValid.ValidRows, nothingValid.ErrorRows) = (2, 0, 2);
        nothingValid.Cancel("importer", Now);
        FluentActions.Invoking(() => nothingValid.Replay("support", Now)).Should().Throw<ImportProblem>()
            .Which.Message.Should().Be("Import 7 has no valid rows to import: a replay would commit nothing.");
        (reading.Status, unverified.Status, nothingValid.Status).Should().Be((ImportStatus.Cancelled, ImportStatus.Cancelled, ImportStatus.Cancelled));

        var reviewed = In(ImportStatus.ReadyForReview);
        reviewed.TotalRows = 3;
        reviewed.Cancel("importer", Now);
        reviewed.Replay("support", Now);
        reviewed.Status.Should().Be(ImportStatus.Queued, "a reviewed file with valid rows is replayed as SPEC 12 says: the replay confirms it");
    }

    [Fact]
    public void A_commit_found_running_at_start_is_marked_interrupted_or_queued_again()
    {
        var interrupted = In(ImportStatus.Committing);
        interrupted.MarkInterrupted(Now);
        (interrupted.Status, interrupted.FailureReason).Should().Be((ImportStatus.CommitFailed, Import.InterruptedReason));

        var resumed = In(ImportStatus.Committing);
        resumed.ResumeInterrupted();
        resumed.Status.Should().Be(ImportStatus.Queued);
    }
}
