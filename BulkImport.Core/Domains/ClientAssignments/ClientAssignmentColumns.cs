using System.Globalization;
using BulkImport.Core.Clients;

namespace BulkImport.Core.Domains.ClientAssignments;

/// <summary>The Client Assignment template (SPEC section 7): its columns in order.</summary>
public static class ClientAssignmentColumns
{
    public const string ClientId = "Client ID";
    public const string CourseId = "CourseID";
    public const string SectionId = "SectionID";
    public const string EnrollmentStatus = "Enrollment Status";
    public const string EnrollmentDate = "Enrollment Date";
    public const string RegisteredBy = "Registered By";
    public const string TranscriptStatus = "Transcript Status";
    public const string SponsorCompany = "Sponsor (Company)";
    public const string MarketingSource = "Marketing Source";

    public static readonly IReadOnlyList<string> All =
        [ClientId, CourseId, SectionId, EnrollmentStatus, EnrollmentDate, RegisteredBy, TranscriptStatus, SponsorCompany, MarketingSource];

    public static readonly IReadOnlyList<string> SelectLists =
        [EnrollmentStatus, RegisteredBy, TranscriptStatus, SponsorCompany, MarketingSource];

    /// <summary>An assignment's values in template order.</summary>
    public static string?[] ToValues(ClientAssignment a) =>
    [
        a.ClientId.ToString(CultureInfo.InvariantCulture),
        a.CourseId.ToString(CultureInfo.InvariantCulture),
        a.SectionId.ToString(CultureInfo.InvariantCulture),
        a.EnrollmentStatus, a.EnrollmentDate, a.RegisteredBy, a.TranscriptStatus, a.SponsorCompany, a.MarketingSource,
    ];
}
