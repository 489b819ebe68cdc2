namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// The existing clients' match keys, as (key hash, Client ID) pairs partitioned by hash and sorted within each partition
/// (<see cref="PartitionedMatchKeys"/>): no index on the Clients table (each one costs every imported client a B-tree
/// insert), and only a few MB of memory for a million clients. A hit is only a hint (two keys may share a hash): the
/// few rows it names are compared exactly later.
/// </summary>
public sealed class ClientMatchIndex : IDisposable
{
    private readonly PartitionedMatchKeys _keys = new();

    public long Count => _keys.Count;

    /// <summary>The keys, sorted within each partition once sealed, for a merge with the file's keys.</summary>
    public PartitionedMatchKeys Keys => _keys;

    /// <summary>How long reading the clients' keys took (for the staging's log line).</summary>
    public TimeSpan BuildTime { get; set; }

    public void Add(long hash, int clientId) => _keys.Add(hash, clientId);

    /// <summary>Sorts the keys once they are all added (on the thread that read them); the merge needs it.</summary>
    public ClientMatchIndex Seal(CancellationToken ct = default)
    {
        _keys.SortInPlace(ct);
        return this;
    }

    public void Dispose() => _keys.Dispose();
}
