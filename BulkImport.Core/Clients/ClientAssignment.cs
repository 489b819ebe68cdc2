namespace BulkImport.Core.Clients;

/// <summary>A client enrolled in a section of a course; identified by (ClientId, CourseId, SectionId).</summary>
public sealed class ClientAssignment
{
    public int AssignmentId { get; set; }
    public int ClientId { get; set; }
    public int CourseId { get; set; }
    public int SectionId { get; set; }
    public string? EnrollmentStatus { get; set; }
    public string? EnrollmentDate { get; set; }
    public string? RegisteredBy { get; set; }
    public string? TranscriptStatus { get; set; }
    public string? SponsorCompany { get; set; }
    public string? MarketingSource { get; set; }
    /// <summary>The import and row that created it (null: loaded or created before lineage was kept).</summary>
    public int? CreatedByImportId { get; set; }
    public int? CreatedByRow { get; set; }

    /// <summary>The import and row that last changed it (SPEC 21); an undo restores only records this still names.</summary>
    public int? LastImportId { get; set; }
    public int? LastImportRow { get; set; }
    public List<Invoice> Invoices { get; set; } = [];
}
