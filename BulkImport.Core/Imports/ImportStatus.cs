namespace BulkImport.Core.Imports;

/// <summary>
/// The life of an import (SPEC section 3). Committed, ValidationFailed, CommitFailed and Cancelled are final; a
/// Committed or Cancelled import can still be undone (SPEC 21): Undoing, then Undone (final) or UndoFailed (final until
/// undone again, which resumes it).
/// </summary>
public enum ImportStatus
{
    Validating,
    /// <summary>The file's columns must be mapped to the template's by a person before its rows are read (SPEC 16).</summary>
    AwaitingMapping,
    ReadyForReview,
    AwaitingVerification,
    Queued,
    Committing,
    Committed,
    ValidationFailed,
    CommitFailed,
    Cancelled,
    Undoing,
    Undone,
    UndoFailed,
}

/// <summary>Which statuses allow what.</summary>
public static class ImportStatusRules
{
    public static bool IsFinal(this ImportStatus status) =>
        status is ImportStatus.Committed or ImportStatus.ValidationFailed or ImportStatus.CommitFailed or ImportStatus.Cancelled
            or ImportStatus.Undone or ImportStatus.UndoFailed;

    public static bool IsInProgress(this ImportStatus status) => !status.IsFinal();

    /// <summary>Rows may be edited or skipped only before the commit is queued.</summary>
    public static bool AllowsRowChanges(this ImportStatus status) =>
        status is ImportStatus.ReadyForReview or ImportStatus.AwaitingVerification;
}
