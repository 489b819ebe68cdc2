namespace BulkImport.Core.Clients;

/// <summary>
/// An invoice for a course fee; auto-created for inserted assignments when the import asks for it. Payments lower its
/// <see cref="Balance"/>; at 0 it is <see cref="PaidStatus"/>.
/// </summary>
public sealed class Invoice
{
    public const string OpenStatus = "Open";
    public const string PaidStatus = "Paid";

    public int InvoiceId { get; set; }
    public int AssignmentId { get; set; }
    public decimal Amount { get; set; }
    public DateOnly InvoiceDate { get; set; }

    /// <summary>What is left to pay.</summary>
    public decimal Balance { get; set; }
    public string Status { get; set; } = OpenStatus;
    /// <summary>The import and row that created it (null: loaded or created before lineage was kept).</summary>
    public int? CreatedByImportId { get; set; }
    public int? CreatedByRow { get; set; }

    /// <summary>The import and row that last changed it (SPEC 21); an undo restores only records this still names.</summary>
    public int? LastImportId { get; set; }
    public int? LastImportRow { get; set; }
    public List<Payment> Payments { get; set; } = [];
}
