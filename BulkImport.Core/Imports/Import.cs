namespace BulkImport.Core.Imports;

/// <summary>
/// One uploaded file and everything done with it. Its status and the stamps that go with a status change (who
/// confirmed, cancelled or replayed it, when it ended, why it failed) are set when an import is created and changed
/// afterwards only by the import itself (<c>ImportLifecycle.cs</c>), which refuses a change its status does not allow.
/// </summary>
public sealed partial class Import
{
    private ImportStatus _status;
    private DateTime? _completedAt;
    private string? _confirmedBy;
    private DateTime? _confirmedAt;
    private string? _cancelledBy;
    private DateTime? _cancelledAt;
    private bool _cancelRequested;
    private string? _replayedBy;
    private DateTime? _replayedAt;
    private DateTime? _commitStartedAt;
    private string? _failureReason;
    private DateTime? _rowsPurgedAt;
    private string? _undoneBy;
    private DateTime? _undoStartedAt;

    public int Id { get; set; }
    public string? Name { get; set; }
    public Domain Domain { get; set; }
    public Operation Operation { get; set; }
    public bool AutoCreateInvoices { get; set; }
    public ImportStatus Status { get => _status; init => _status = value; }
    public required string FileName { get; set; }
    /// <summary>Generated name of the stored upload under the data folder; never the client's name.</summary>
    public required string StoredFileName { get; set; }
    public long FileSize { get; set; }
    public string? FileSha256 { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get => _completedAt; init => _completedAt = value; }

    public int TotalRows { get; set; }
    public int ValidRows { get; set; }
    public int ErrorRows { get; set; }
    public int SkippedRows { get; set; }
    public int InsertRows { get; set; }
    public int UpdateRows { get; set; }

    public int ProcessedRows { get; set; }
    public int Inserted { get; set; }
    public int Updated { get; set; }
    public int Failed { get; set; }

    /// <summary>Template columns present in the file, in template order (JSON array).</summary>
    public List<string> PresentColumns { get; set; } = [];
    public List<string> FileErrors { get; set; } = [];
    public List<string> FileWarnings { get; set; } = [];

    /// <summary>
    /// A CSV file's field separator (SPEC 5: ',', ';' or tab), kept when the file is read because a row's values are
    /// validated again after that (edits, fixes) and a comma in an amount means what the separator says (ValidationSettings).
    /// Null for a workbook, and for an import read before it was kept.
    /// </summary>
    public char? Delimiter { get; set; }

    /// <summary>A workbook's sheet (SPEC 17): the one the upload asked for (field <c>sheet</c>), then the one read; null for CSV.</summary>
    public string? Sheet { get; set; }

    /// <summary>A workbook's sheets, in workbook order (JSON array); empty for CSV.</summary>
    public List<string> Sheets { get; set; } = [];

    public string? ConfirmedBy { get => _confirmedBy; init => _confirmedBy = value; }
    public DateTime? ConfirmedAt { get => _confirmedAt; init => _confirmedAt = value; }
    public string? CancelledBy { get => _cancelledBy; init => _cancelledBy = value; }
    public DateTime? CancelledAt { get => _cancelledAt; init => _cancelledAt = value; }
    public bool CancelRequested { get => _cancelRequested; init => _cancelRequested = value; }
    public string? ReplayedBy { get => _replayedBy; init => _replayedBy = value; }
    public DateTime? ReplayedAt { get => _replayedAt; init => _replayedAt = value; }
    public DateTime? CommitStartedAt { get => _commitStartedAt; init => _commitStartedAt = value; }
    public string? FailureReason { get => _failureReason; init => _failureReason = value; }
    /// <summary>Whether the creator gets the Integration Alert when the import ends (upload field <c>notifyMe</c>, SPEC section 18).</summary>
    public bool NotifyMe { get; set; } = true;
    /// <summary>When the retention period (<c>Import:RetentionDays</c>) deleted the values of its staged rows; null while they are kept.</summary>
    public DateTime? RowsPurgedAt { get => _rowsPurgedAt; init => _rowsPurgedAt = value; }
    /// <summary>The import whose rows this file corrects (upload field <c>fixesImportId</c>, SPEC 20): history links the two.</summary>
    public int? FixesImportId { get; set; }
    /// <summary>Who last asked to undo the import (SPEC 21), and when its undo started.</summary>
    public string? UndoneBy { get => _undoneBy; init => _undoneBy = value; }
    public DateTime? UndoStartedAt { get => _undoStartedAt; init => _undoStartedAt = value; }

    /// <summary>The undo's counters: committed rows whose records were restored or deleted, and rows whose records were kept.</summary>
    public int UndoneRows { get; set; }
    public int KeptRows { get; set; }
}
