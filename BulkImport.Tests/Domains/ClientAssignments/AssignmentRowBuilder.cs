using BulkImport.Core.Domains;
using BulkImport.Core.Domains.ClientAssignments;
using BulkImport.Core.Domains.Common;
using BulkImport.Core.Imports;

namespace BulkImport.Tests.Domains.ClientAssignments;

/// <summary>
/// Small builders for Client Assignment validator tests: an in-memory lookup snapshot shaped like the demo data
/// (clients 3 and 6; CourseID 101 (CNA-101) with sections 1001-1002, CourseID 102 (CNA-201) with section 1004; client 6 in 101/1001),
/// the Client Assignment select lists, and rows in template order.
/// </summary>
internal static class AssignmentRowBuilder
{
    public static readonly AssignmentKey Existing = new(6, 101, 1001);

    public static ClientAssignmentRowValidator Validator(Operation operation, IReadOnlyList<string>? presentColumns = null) =>
        new(new ValidationSettings(operation, presentColumns ?? ClientAssignmentColumns.All, new DateOnly(2026, 3, 18)), SelectLists(), Lookups());

    public static ClientAssignmentLookups Lookups() => new()
    {
        ClientIds = new HashSet<int> { 3, 6 },
        CourseIds = new HashSet<int> { 101, 102 },
        CourseIdsByCode = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["CNA-101"] = 101, ["CNA-201"] = 102 },
        SectionCourses = new Dictionary<int, int> { [1001] = 101, [1002] = 101, [1004] = 102 },
        Assignments = new HashSet<AssignmentKey> { Existing },
    };

    public static SelectLists SelectLists() => new(new Dictionary<string, SelectListMatcher>
    {
        [ClientAssignmentColumns.EnrollmentStatus] = new(ClientAssignmentColumns.EnrollmentStatus, ["Enrolled", "Waitlisted", "Completed", "Withdrawn", "Dropped", "No Show"]),
        [ClientAssignmentColumns.RegisteredBy] = new(ClientAssignmentColumns.RegisteredBy, ["Online", "Phone", "Walk-In", "Staff", "Employer"]),
        [ClientAssignmentColumns.TranscriptStatus] = new(ClientAssignmentColumns.TranscriptStatus, ["Not Requested", "Requested", "Sent", "On Hold"]),
        [ClientAssignmentColumns.SponsorCompany] = new(ClientAssignmentColumns.SponsorCompany, ["Acme Manufacturing", "Bayview Health", "None"]),
        [ClientAssignmentColumns.MarketingSource] = new(ClientAssignmentColumns.MarketingSource, ["Website", "Referral", "Social Media"]),
    });

    /// <summary>A row in template order; every cell not named is blank.</summary>
    public static string?[] Row(
        string? clientId = "3", string? courseId = "101", string? sectionId = "1001", string? enrollmentStatus = "Enrolled",
        string? enrollmentDate = null, string? registeredBy = null, string? transcriptStatus = null, string? sponsor = null, string? marketingSource = null) =>
        [clientId, courseId, sectionId, enrollmentStatus, enrollmentDate, registeredBy, transcriptStatus, sponsor, marketingSource];

    public static string?[] ExistingRow(string? enrollmentStatus = null) =>
        Row(clientId: "6", courseId: "101", sectionId: "1001", enrollmentStatus: enrollmentStatus);
}
