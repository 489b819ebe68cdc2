namespace BulkImport.Core.Data.PostgreSql;

/// <summary>
/// One row of the table <c>WorkLeases</c>: who holds one piece of background work, until when (the server's clock). The
/// table exists on PostgreSQL only: a SQLite file serves one instance, whose leases live in its memory.
/// </summary>
public sealed class WorkLeaseRow
{
    /// <summary>The kind of work (Validation, Commit, Undo, Outbox, Intake).</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>The import worked on, or 0 for work of the whole app.</summary>
    public int ImportId { get; set; }

    /// <summary>The instance holding the lease (host name, process ID and a random part).</summary>
    public string Holder { get; set; } = string.Empty;

    /// <summary>When the lease lapses unless renewed, on the database server's clock.</summary>
    public DateTime ExpiresAt { get; set; }
}
