using BulkImport.Core.Domains.ClientAssignments;
using BulkImport.Core.Domains.Clients;

namespace BulkImport.Core.Clients;

/// <summary>Where the stored records keep each select-list field, so renaming a value can relabel the records that hold it.</summary>
public static class SelectListFields
{
    /// <summary>Client select-list fields and the <see cref="Client"/> property that stores each.</summary>
    public static readonly IReadOnlyDictionary<string, string> ClientProperties = ClientColumns.Stored
        .Where(s => ClientColumns.SelectLists.Contains(s.Column))
        .ToDictionary(s => s.Column, s => s.Property, StringComparer.Ordinal);

    /// <summary>Client Assignment select-list fields and the <see cref="ClientAssignment"/> property that stores each.</summary>
    public static readonly IReadOnlyDictionary<string, string> AssignmentProperties = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ClientAssignmentColumns.EnrollmentStatus] = nameof(ClientAssignment.EnrollmentStatus),
        [ClientAssignmentColumns.RegisteredBy] = nameof(ClientAssignment.RegisteredBy),
        [ClientAssignmentColumns.TranscriptStatus] = nameof(ClientAssignment.TranscriptStatus),
        [ClientAssignmentColumns.SponsorCompany] = nameof(ClientAssignment.SponsorCompany),
        [ClientAssignmentColumns.MarketingSource] = nameof(ClientAssignment.MarketingSource),
    };
}
