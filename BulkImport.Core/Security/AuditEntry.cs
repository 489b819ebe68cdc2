namespace BulkImport.Core.Security;

/// <summary>A recorded act on sensitive data, such as revealing an SSN: who, when, what.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string User { get; set; }
    public required string Action { get; set; }
    public required string Detail { get; set; }
}
