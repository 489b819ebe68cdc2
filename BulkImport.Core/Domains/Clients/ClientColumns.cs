using BulkImport.Core.Clients;

namespace BulkImport.Core.Domains.Clients;

/// <summary>The Client template (SPEC section 6): its columns in order and where each is stored.</summary>
public static class ClientColumns
{
    public const string ClientId = "Client ID";
    public const string FirstName = "First Name";
    public const string LastName = "Last Name";
    public const string Email = "Email";
    public const string PhoneNumber = "Phone Number";
    public const string Ssn = "SSN";
    public const string DateOfBirth = "Date of Birth";
    public const string Address = "Address";
    public const string City = "City";
    public const string State = "State";
    public const string Zip = "Zip";
    public const string SponsorName = "Sponsor Name";
    public const string Ethnicity = "Ethnicity";
    public const string Language = "Language";
    public const string FundingSource = "Funding Source";
    public const string StaffName = "Staff Name";
    public const string DiplomaStatus = "Diploma Status";
    public const string JobStatus = "Job Status";
    public const string AdultClient = "Adult Client";
    public const string ClientType = "Client Type";

    /// <summary>Every column but Client ID, with the <see cref="Client"/> property (and database column) that stores it.</summary>
    public static readonly IReadOnlyList<(string Column, string Property)> Stored =
    [
        (FirstName, nameof(Client.FirstName)),
        (LastName, nameof(Client.LastName)),
        (Email, nameof(Client.Email)),
        (PhoneNumber, nameof(Client.PhoneNumber)),
        (Ssn, nameof(Client.Ssn)),
        (DateOfBirth, nameof(Client.DateOfBirth)),
        (Address, nameof(Client.Address)),
        (City, nameof(Client.City)),
        (State, nameof(Client.State)),
        (Zip, nameof(Client.Zip)),
        (SponsorName, nameof(Client.SponsorName)),
        (Ethnicity, nameof(Client.Ethnicity)),
        (Language, nameof(Client.Language)),
        (FundingSource, nameof(Client.FundingSource)),
        (StaffName, nameof(Client.StaffName)),
        (DiplomaStatus, nameof(Client.DiplomaStatus)),
        (JobStatus, nameof(Client.JobStatus)),
        (AdultClient, nameof(Client.AdultClient)),
        (ClientType, nameof(Client.ClientType)),
    ];

    /// <summary>Template columns in template order.</summary>
    public static readonly IReadOnlyList<string> All = [ClientId, .. Stored.Select(s => s.Column)];

    public static readonly IReadOnlyList<string> SelectLists =
        [SponsorName, Ethnicity, Language, FundingSource, StaffName, DiplomaStatus, JobStatus, AdultClient, ClientType];

    /// <summary>A client's values in template order (for templates and the client API).</summary>
    public static string?[] ToValues(Client c) =>
    [
        c.ClientId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        c.FirstName, c.LastName, c.Email, c.PhoneNumber, c.Ssn, c.DateOfBirth, c.Address, c.City, c.State, c.Zip,
        c.SponsorName, c.Ethnicity, c.Language, c.FundingSource, c.StaffName, c.DiplomaStatus, c.JobStatus, c.AdultClient, c.ClientType,
    ];
}
