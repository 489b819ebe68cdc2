namespace BulkImport.Core.Alerts;

/// <summary>
/// An Integration Alert recipient (SPEC section 18): told by e-mail when an import of one of <see cref="Domains"/> ends
/// (all domains when the list is empty).
/// </summary>
public sealed class AlertRecipient
{
    public int Id { get; set; }
    public required string Email { get; set; }
    /// <summary>Domain names (<see cref="Imports.Domain"/>); empty means every domain.</summary>
    public List<string> Domains { get; set; } = [];
}
