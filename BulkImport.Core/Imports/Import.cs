namespace BulkImport.Core.Imports;

/// <summary>One uploaded file and everything done with it.</summary>
public sealed class Import
{
    public int Id { get; set; }
    public string? Name { get; set; }
    public Domain Domain { get; set; }
    public Operation Operation { get; set; }
    public bool AutoCreateInvoices { get; set; }
    public ImportStatus Status { get; set; }
    public required string FileName { get; set; }
    /// <summary>Generated name of the stored upload under the data folder; never the client's name.</summary>
    public required string StoredFileName { get; set; }
    public long FileSize { get; set; }
    public string? FileSha256 { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }

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

    public string? ConfirmedBy { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public string? CancelledBy { get; set; }
    public DateTime? CancelledAt { get; set; }
    public bool CancelRequested { get; set; }
    public string? ReplayedBy { get; set; }
    public DateTime? ReplayedAt { get; set; }
    public DateTime? CommitStartedAt { get; set; }
    public string? FailureReason { get; set; }
    /// <summary>Whether the creator gets the Integration Alert when the import ends (upload field <c>notifyMe</c>, SPEC section 18).</summary>
    public bool NotifyMe { get; set; } = true;
}
