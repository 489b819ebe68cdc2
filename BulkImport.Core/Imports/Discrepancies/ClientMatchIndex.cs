namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// The existing clients' match keys, as a sorted array of (key hash, Client ID) pairs: 8 bytes a key, a few per client,
/// so a million clients take about 30 MB and no index on the Clients table (each one costs every imported client a
/// B-tree insert). A hit is only a hint (two keys may share a hash): the few rows it names are compared exactly later.
/// </summary>
public sealed class ClientMatchIndex
{
    private long[] _entries;
    private int _count;

    public ClientMatchIndex(int capacity) => _entries = new long[Math.Max(16, capacity)];

    public int Count => _count;

    /// <summary>The sorted (key hash &lt;&lt; 32 | Client ID) entries, once sealed, for a merge with the file's keys.</summary>
    public ReadOnlySpan<long> Entries => _entries.AsSpan(0, _count);

    /// <summary>How long reading the clients' keys took (for the staging's log line).</summary>
    public TimeSpan BuildTime { get; private set; }

    public void Add(int hash, int clientId)
    {
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        _entries[_count++] = Entry(hash, clientId);
    }

    /// <summary>Sorts the entries once they are all added; lookups need it.</summary>
    public ClientMatchIndex Seal(TimeSpan buildTime = default)
    {
        BuildTime = buildTime;
        Array.Sort(_entries, 0, _count);
        return this;
    }

    /// <summary>Adds the clients whose key hash is <paramref name="hash"/> to <paramref name="found"/>, at most <paramref name="max"/> in all.</summary>
    public void Find(int hash, List<int> found, int max)
    {
        var low = Entry(hash, 0);
        var index = Array.BinarySearch(_entries, 0, _count, low);
        if (index < 0)
        {
            index = ~index;
        }

        for (; index < _count && found.Count < max && (_entries[index] >> 32) == (low >> 32); index++)
        {
            var clientId = (int)(uint)_entries[index];
            if (!found.Contains(clientId))
            {
                found.Add(clientId);
            }
        }
    }

    private static long Entry(int hash, int clientId) => ((long)hash << 32) | (uint)clientId;
}
