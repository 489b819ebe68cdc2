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

    /// <summary>The columns after the key, with the <see cref="ClientAssignment"/> property (and database column) that stores each.</summary>
    public static readonly IReadOnlyList<(string Column, string Property)> Stored =
    [
        (EnrollmentStatus, nameof(ClientAssignment.EnrollmentStatus)),
        (EnrollmentDate, nameof(ClientAssignment.EnrollmentDate)),
        (RegisteredBy, nameof(ClientAssignment.RegisteredBy)),
        (TranscriptStatus, nameof(ClientAssignment.TranscriptStatus)),
        (SponsorCompany, nameof(ClientAssignment.SponsorCompany)),
        (MarketingSource, nameof(ClientAssignment.MarketingSource)),
    ];

    /// <summary>Template columns in template order: the key, then the stored columns.</summary>
    public static readonly IReadOnlyList<string> All = [ClientId, CourseId, SectionId, .. Stored.Select(s => s.Column)];

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
