namespace BulkImport.Core.Clients;

/// <summary>A payment recorded against an invoice (SPEC section 13); it lowers the invoice's balance.</summary>
public sealed class Payment
{
    public int PaymentId { get; set; }
    public int InvoiceId { get; set; }
    public decimal Amount { get; set; }
    public DateOnly PaymentDate { get; set; }
    public required string Method { get; set; }
    public string? Reference { get; set; }

    /// <summary>The import and row that recorded it (null for a payment recorded otherwise).</summary>
    public int? CreatedByImportId { get; set; }
    public int? CreatedByRow { get; set; }

    /// <summary>The import and row that last changed it: a payment is never changed, so its creator (SPEC 21 shows both).</summary>
    public int? LastImportId { get; set; }
    public int? LastImportRow { get; set; }
}
