namespace BulkImport.Core.Clients;

/// <summary>An invoice for a course fee; auto-created for inserted assignments when the import asks for it.</summary>
public sealed class Invoice
{
    public int InvoiceId { get; set; }
    public int AssignmentId { get; set; }
    public decimal Amount { get; set; }
    public DateOnly InvoiceDate { get; set; }
    public string Status { get; set; } = "Open";
}
