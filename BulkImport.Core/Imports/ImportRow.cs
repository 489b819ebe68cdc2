namespace BulkImport.Core.Imports;

/// <summary>
/// One data row of an import, staged in the database. <see cref="Values"/> are the canonical values aligned
/// with the domain's template columns (null where the file has no such column).
/// </summary>
public sealed class ImportRow : IRowNumbered
{
    public int ImportId { get; set; }
    public int RowNumber { get; set; }
    /// <summary>As staged (Valid, Error or Skipped), or the commit's outcome once <see cref="Apply"/>d.</summary>
    public RowStatus Status { get; set; }
    public RowAction Action { get; set; }
    public string?[] Values { get; set; } = [];
    public List<RowMessage> Messages { get; set; } = [];
    /// <summary>The row's identity within the file (Client ID; the assignment triple) for the duplicate rule; null when it has none.</summary>
    public string? RowKey { get; set; }
    /// <summary>The created or updated record's ID after a successful commit (from its <see cref="RowResult"/>, not stored here).</summary>
    public long? RecordId { get; set; }
    /// <summary>The invoice created with an assignment (from its <see cref="RowResult"/>, not stored here).</summary>
    public long? InvoiceId { get; set; }
    /// <summary>Set when the operator marked the row Skipped (as opposed to a blank line).</summary>
    public bool SkippedByOperator { get; set; }

    /// <summary>Shows the commit's outcome for this row: its status, record, invoice and messages.</summary>
    public void Apply(RowResult result)
    {
        Status = result.Status;
        RecordId = result.RecordId;
        InvoiceId = result.InvoiceId;
        Messages = result.Messages();
    }
}
