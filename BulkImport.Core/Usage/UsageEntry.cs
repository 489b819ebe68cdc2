namespace BulkImport.Core.Usage;

/// <summary>Rows committed by one commit batch; the ledger that licensed usage is counted from.</summary>
public sealed class UsageEntry
{
    public long Id { get; set; }
    public int ImportId { get; set; }
    public DateTime CommittedAt { get; set; }
    public int Rows { get; set; }
}
