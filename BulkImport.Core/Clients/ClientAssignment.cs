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
    public List<Invoice> Invoices { get; set; } = [];
}
