namespace BulkImport.Core.Imports;

/// <summary>
/// The possible-duplicates step of an import (SPEC section 14) and its batch details (section 15): while any
/// discrepancy is unresolved the import is AwaitingVerification ("Await Discrepancy Verification"), and it cannot be
/// confirmed; when none is left it is ReadyForReview.
/// </summary>
public sealed partial class Import
{
    /// <summary>The longest Batch Name (<see cref="Name"/>) an upload may give.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Whether staging looks for possible duplicates (upload option <c>checkDuplicates</c>; Client imports only).</summary>
    public bool CheckDuplicates { get; set; }

    /// <summary>The Batch Date (SPEC 15): the day the entries were submitted, today unless the upload says otherwise.</summary>
    public DateOnly? BatchDate { get; set; }

    /// <summary>Client Assignment option: a blank Enrollment Date takes the <see cref="BatchDate"/>.</summary>
    public bool UseBatchDateAsEnrollmentDate { get; set; }

    /// <summary>Rows found to be possible duplicates.</summary>
    public int Discrepancies { get; set; }

    /// <summary>Of <see cref="Discrepancies"/>, those nobody has resolved yet.</summary>
    public int UnresolvedDiscrepancies { get; set; }

    /// <summary>Reading ended: to verification when possible duplicates wait for a person, else ready for review (unless cancelled meanwhile).</summary>
    public void FinishReading(int unresolvedDiscrepancies)
    {
        FinishReading();
        if (_status == ImportStatus.ReadyForReview && unresolvedDiscrepancies > 0)
        {
            _status = ImportStatus.AwaitingVerification;
        }
    }

    /// <summary>
    /// After a resolution, an edit or a skip: AwaitingVerification while any discrepancy is unresolved, ReadyForReview
    /// when none is (an edit during review that raised a new one sends the import back to verification).
    /// </summary>
    public void SettleVerification()
    {
        if (!_status.AllowsRowChanges())
        {
            return;
        }

        _status = UnresolvedDiscrepancies > 0 ? ImportStatus.AwaitingVerification : ImportStatus.ReadyForReview;
    }

    /// <summary>Why the import cannot be confirmed while possible duplicates wait: how many are left, and what to do.</summary>
    public string UnverifiedReason() =>
        $"Import {Id} has {UnresolvedDiscrepancies} possible duplicate{(UnresolvedDiscrepancies == 1 ? "" : "s")} left to verify. "
        + "Open View Discrepancies and choose Select (update the existing person) or New Person for each; then the import can be committed.";

    /// <summary>An untracked copy takes the status the database now has (after a relative update in the same transaction).</summary>
    internal void ShowStatus(ImportStatus status) => _status = status;
}
