namespace BulkImport.Core.Clients;

/// <summary>A person in the client-management system. Values are stored in their canonical form (SPEC section 6).</summary>
public sealed class Client
{
    public int ClientId { get; set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string? Email { get; set; }
    public string? PhoneNumber { get; set; }
    public string? Ssn { get; set; }
    public string? DateOfBirth { get; set; }
    public string? Address { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? Zip { get; set; }
    public string? SponsorName { get; set; }
    public string? Ethnicity { get; set; }
    public string? Language { get; set; }
    public string? FundingSource { get; set; }
    public string? StaffName { get; set; }
    public string? DiplomaStatus { get; set; }
    public string? JobStatus { get; set; }
    public string? AdultClient { get; set; }
    public string? ClientType { get; set; }
    /// <summary>The import and row that created it (null: loaded or created before lineage was kept).</summary>
    public int? CreatedByImportId { get; set; }
    public int? CreatedByRow { get; set; }

    /// <summary>The import and row that last changed it (SPEC 21); an undo restores only records this still names.</summary>
    public int? LastImportId { get; set; }
    public int? LastImportRow { get; set; }
    public List<ClientAssignment> Assignments { get; set; } = [];
}
