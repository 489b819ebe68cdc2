namespace BulkImport.Core.Usage;

/// <summary>
/// Rows a running commit has reserved against the limits before its first batch (SPEC 22). The rows it commits are
/// counted in the ledger (<see cref="UsageEntry"/>) as they are committed; the reservation holds what is left of them, so
/// two commits side by side cannot pass a limit together. It counts only while its import is Committing: a commit that
/// ends, or a process that dies, releases what was not used.
/// </summary>
public sealed class UsageReservation
{
    public int ImportId { get; set; }

    /// <summary>When the commit run started; the ledger's entries of the import since then are the reserved rows used.</summary>
    public DateTime ReservedAt { get; set; }

    public int Rows { get; set; }
}
