namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>The rules by which a new client may be a person already known (SPEC section 14), in the order reasons name them.</summary>
public enum DuplicateRule
{
    /// <summary>The same SSN.</summary>
    Ssn,
    /// <summary>The same First Name, Last Name and Date of Birth.</summary>
    NameAndBirthDate,
    /// <summary>The same e-mail address, ignoring case.</summary>
    Email,
    /// <summary>The same phone number and Last Name.</summary>
    PhoneAndLastName,
}
