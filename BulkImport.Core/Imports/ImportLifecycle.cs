namespace BulkImport.Core.Imports;

/// <summary>
/// Every status change of an import (SPEC section 3), decided here and nowhere else: services load the import, ask it
/// to change, and save it. A change its status does not allow is refused with a <see cref="ImportProblem"/> saying
/// why (409), so the screens, the API and the background work give the same answer.
/// </summary>
/// <remarks>
/// The decision is only as good as the status it was made on: a change is saved under the write lock with the status
/// read in the same transaction (<see cref="Data.ImportChanges"/>), or with the status the change started from as a
/// concurrency token, so a change decided on a status that another process changed meanwhile is never saved.
/// </remarks>
public sealed partial class Import
{
    /// <summary>Why a commit still running when the application stopped ended (found at the next start).</summary>
    public const string InterruptedReason =
        "The commit was interrupted (the application stopped while committing). Rows committed before the stop stay committed; replay the import to continue.";

    /// <summary>Reading and validating the file ended with every row staged: it is ready for review, unless it was cancelled meanwhile.</summary>
    public void FinishReading()
    {
        if (_status == ImportStatus.Cancelled)
        {
            // A person cancelled it while it was read: their cancel stands; the counts are kept with it.
            return;
        }

        Require(ImportStatus.Validating, "finish reading");
        _status = ImportStatus.ReadyForReview;
    }

    /// <summary>The file as a whole cannot be imported (SPEC 3, ValidationFailed), for the reasons given.</summary>
    public void FailValidation(IEnumerable<string> errors, DateTime now)
    {
        FileErrors = [.. errors];
        RowCounts.Reset(this);
        if (_status == ImportStatus.Cancelled)
        {
            return;
        }

        Require(ImportStatus.Validating, "fail validation");
        _status = ImportStatus.ValidationFailed;
        _completedAt = now;
    }

    /// <summary>Rows may be fixed or skipped only during review; anything else is refused with the reason.</summary>
    public void EnsureRowsCanChange()
    {
        if (_status.AllowsRowChanges())
        {
            return;
        }

        throw ImportProblem.Conflict(_status is ImportStatus.Queued or ImportStatus.Committing or ImportStatus.Committed
            ? $"Import {Id} was confirmed, so its rows can no longer be changed: rows can be fixed or skipped only during review, before Confirm."
            : $"Rows of import {Id} cannot be changed while it is {_status}: rows can be fixed or skipped only during review, before Confirm.");
    }

    /// <summary>A person confirmed the import: its commit is queued. Only a reviewed import with valid rows can be confirmed.</summary>
    public void Confirm(string user, DateTime now)
    {
        if (_status != ImportStatus.ReadyForReview)
        {
            throw ImportProblem.Conflict(_status switch
            {
                ImportStatus.Validating => $"Import {Id} is still being read and validated. Wait until it is ready for review, then commit.",
                ImportStatus.AwaitingVerification => UnverifiedReason(),
                ImportStatus.Queued or ImportStatus.Committing => $"Import {Id} is already being committed.",
                ImportStatus.CommitFailed or ImportStatus.Cancelled => $"Import {Id} is {_status}. Use replay to continue it.",
                _ => $"Import {Id} is {_status} and cannot be committed.",
            });
        }

        if (ValidRows <= 0)
        {
            // As the confirm panel says it: committing nothing would only mark the import Committed with 0 rows.
            throw ImportProblem.Conflict($"Import {Id} has no valid rows to import. Fix the error rows first.");
        }

        _status = ImportStatus.Queued;
        _confirmedBy = user;
        _confirmedAt = now;
    }

    /// <summary>The committer takes the queued import.</summary>
    public void StartCommit(DateTime now)
    {
        Require(ImportStatus.Queued, "start its commit");
        _status = ImportStatus.Committing;
        _commitStartedAt = now;
        _failureReason = null;
    }

    /// <summary>The commit ran to the end.</summary>
    public void MarkCommitted(DateTime now)
    {
        Require(ImportStatus.Committing, "be marked committed");
        _status = ImportStatus.Committed;
        _completedAt = now;
    }

    /// <summary>The commit could not start or stopped on a system error (SPEC 3, CommitFailed); rows committed before stay committed.</summary>
    public void MarkCommitFailed(string reason, DateTime now)
    {
        if (_status is not (ImportStatus.Queued or ImportStatus.Committing))
        {
            throw Refused("be marked CommitFailed");
        }

        _status = ImportStatus.CommitFailed;
        _failureReason = reason;
        _completedAt = now;
    }

    /// <summary>Found Committing at start: no worker runs it any more, so it is marked CommitFailed as interrupted.</summary>
    public void MarkInterrupted(DateTime now) => MarkCommitFailed(InterruptedReason, now);

    /// <summary>Found Committing at start with resuming switched on: queued again, to go on from the first row not committed.</summary>
    public void ResumeInterrupted()
    {
        Require(ImportStatus.Committing, "be resumed");
        _status = ImportStatus.Queued;
    }

    /// <summary>
    /// A person cancels the import. Before its commit runs it is Cancelled at once; while committing, the cancel is
    /// requested and the committer stops at the next batch boundary (<see cref="MarkCancelled"/>). Returns whether it is
    /// Cancelled now.
    /// </summary>
    public bool Cancel(string user, DateTime now)
    {
        switch (_status)
        {
            case ImportStatus.Validating or ImportStatus.AwaitingMapping or ImportStatus.ReadyForReview or ImportStatus.AwaitingVerification or ImportStatus.Queued:
                _status = ImportStatus.Cancelled;
                _cancelRequested = true;
                _cancelledBy = user;
                _cancelledAt = now;
                _completedAt = now;
                return true;
            case ImportStatus.Committing:
                _cancelRequested = true;
                _cancelledBy = user;
                _cancelledAt = now;
                return false;
            case ImportStatus.Undoing:
                // The undo stops at its next batch boundary (MarkUndoCancelled); who cancelled the import itself, if
                // anyone, stays recorded.
                _cancelRequested = true;
                return false;
            default:
                throw ImportProblem.Conflict($"Import {Id} is {_status}; only an import that has not finished can be cancelled.");
        }
    }

    /// <summary>The committer honoured a requested cancel between two batches.</summary>
    public void MarkCancelled(DateTime now)
    {
        Require(ImportStatus.Committing, "be marked cancelled");
        _status = ImportStatus.Cancelled;
        _completedAt = now;
        _cancelledAt ??= now;
    }

    /// <summary>Support replays a CommitFailed or Cancelled import: queued again, it continues at the first row not yet committed.</summary>
    public void Replay(string user, DateTime now)
    {
        if (ReplayRefusal() is { } refusal)
        {
            throw ImportProblem.Conflict(refusal);
        }

        _status = ImportStatus.Queued;
        _cancelRequested = false;
        _completedAt = null;
        _replayedBy = user;
        _replayedAt = now;
    }

    /// <summary>
    /// Why the import cannot be replayed now, in words for the person asking (and for the report of a cancelled import,
    /// which says whether a replay can go on); null when it can.
    /// </summary>
    public string? ReplayRefusal()
    {
        if (_status is not (ImportStatus.CommitFailed or ImportStatus.Cancelled))
        {
            return $"Import {Id} is {_status}; only a CommitFailed or Cancelled import can be replayed.";
        }

        if (_rowsPurgedAt is { } purged)
        {
            return $"Import {Id} can no longer be replayed: the values of its rows were deleted on {purged:yyyy-MM-dd} at the end of "
                + "the retention period (Import:RetentionDays). Upload the file again to import the rows that were not committed.";
        }

        if (_confirmedAt is not null)
        {
            return null;
        }

        // Cancelled before anyone confirmed it: the replay is its confirmation, so it needs what Confirm needs. A file
        // cancelled while it was read has no counts yet (they are saved when the reading ends): replayed, its commit
        // ran beside the reading, before the repeated keys were checked, and ended Committed with 0 rows.
        if (TotalRows == 0)
        {
            return $"Import {Id} was cancelled before its file was read to the end, so there is nothing to continue. Upload the file again to import it.";
        }

        if (UnresolvedDiscrepancies > 0)
        {
            return $"Import {Id} was cancelled with {UnresolvedDiscrepancies} possible duplicate{(UnresolvedDiscrepancies == 1 ? "" : "s")} "
                + "not verified, and a replay would add them as new people. Upload the file again to verify and import it.";
        }

        return ValidRows <= 0 ? $"Import {Id} has no valid rows to import: a replay would commit nothing." : null;
    }

    /// <summary>Why an undo still running when the application stopped ended (found at the next start).</summary>
    public const string UndoInterruptedReason =
        "The undo was interrupted (the application stopped while undoing). Records undone before the stop stay undone; undo the import again to continue.";

    /// <summary>
    /// Why the import cannot be undone in its status, or null when it can. The undo's preview says it too, rather than
    /// offering to undo an import that the undo itself refuses.
    /// </summary>
    public string? WhyNoUndo() => _status switch
    {
        ImportStatus.Committed or ImportStatus.Cancelled or ImportStatus.UndoFailed => null,
        ImportStatus.Undoing => $"Import {Id} is already being undone (Undoing). Wait for that undo to end.",
        ImportStatus.Undone => $"Import {Id} is Undone: it was undone already.",
        // Its committed rows stay committed, and neither cancel nor undo takes an ended import: replay is the one way on.
        ImportStatus.CommitFailed => $"Import {Id} is CommitFailed; only a Committed or Cancelled import can be undone. "
            + "Replay it to finish its commit (Support, Admin), then undo it: the undo takes back every row both runs committed.",
        _ => $"Import {Id} is {_status}; only a Committed or Cancelled import can be undone.",
    };

    /// <summary>
    /// Support, an Admin or its importer undoes the import (SPEC 21): a Committed or Cancelled import, or one whose
    /// undo failed (undoing again resumes it). Anything else is refused naming its status; an undo already running
    /// (Undoing) is refused too, so two undos never run at once.
    /// </summary>
    public void StartUndo(string user, DateTime now)
    {
        if (WhyNoUndo() is { } refusal)
        {
            throw ImportProblem.Conflict(refusal);
        }

        _status = ImportStatus.Undoing;
        _cancelRequested = false;
        _failureReason = null;
        _undoneBy = user;
        _undoStartedAt = now;
        _completedAt = null;
    }

    /// <summary>The undo went through every committed row.</summary>
    public void MarkUndone(DateTime now)
    {
        Require(ImportStatus.Undoing, "be marked Undone");
        _status = ImportStatus.Undone;
        _completedAt = now;
    }

    /// <summary>The undo stopped on a system error or an interruption; records undone before stay undone, and undoing again resumes.</summary>
    public void MarkUndoFailed(string reason, DateTime now)
    {
        Require(ImportStatus.Undoing, "be marked UndoFailed");
        _status = ImportStatus.UndoFailed;
        _failureReason = reason;
        _completedAt = now;
    }

    /// <summary>Found Undoing at start: no worker runs it any more.</summary>
    public void MarkUndoInterrupted(DateTime now) => MarkUndoFailed(UndoInterruptedReason, now);

    /// <summary>The undo honoured a requested cancel between two batches: it stops where it is, and undoing again resumes it.</summary>
    public void MarkUndoCancelled(DateTime now)
    {
        MarkUndoFailed($"The undo was cancelled after {UndoneRows + KeptRows:N0} of {Inserted + Updated:N0} committed rows. "
            + "Records undone before the cancel stay undone; undo the import again to continue.", now);
        _cancelRequested = false;
    }

    /// <summary>The name that stands for the retention period where a person's name goes (who cancelled an import).</summary>
    public const string Retention = "BulkImport (retention)";

    /// <summary>
    /// An import left in review past the retention period (<paramref name="days"/> since its upload): cancelled, and its
    /// rows' values are to be deleted (<see cref="RowsPurgedAt"/>), as those of every import that ended that long ago.
    /// </summary>
    public void Expire(int days, DateTime now)
    {
        // An import waiting for its columns to be mapped (SPEC 16) is abandoned the same way: its upload holds the values.
        var awaitingMapping = _status == ImportStatus.AwaitingMapping;
        if (!_status.AllowsRowChanges() && !awaitingMapping)
        {
            throw Refused("expire");
        }

        Cancel(Retention, now);
        _failureReason = awaitingMapping
            ? $"Its columns were not mapped within {days} days of its upload (Import:RetentionDays): it was cancelled and its upload deleted. "
                + "Upload the file again to import it."
            : $"Not confirmed within {days} days of its upload (Import:RetentionDays): it was cancelled and the values of its rows deleted. "
                + "Upload the file again to import it.";
        _rowsPurgedAt = now;
    }

    /// <summary>
    /// The retention period is over for an import that ended: its rows' values are to be deleted. From then on it
    /// cannot be replayed (a replay reads the values of the rows not committed).
    /// </summary>
    public void MarkRowsPurged(DateTime now)
    {
        if (!_status.IsFinal())
        {
            throw Refused("have its rows deleted");
        }

        _rowsPurgedAt ??= now;
    }

    private void Require(ImportStatus expected, string change)
    {
        if (_status != expected)
        {
            throw Refused(change);
        }
    }

    private ImportProblem Refused(string change) => ImportProblem.Conflict($"Import {Id} is {_status} and cannot {change}.");
}
