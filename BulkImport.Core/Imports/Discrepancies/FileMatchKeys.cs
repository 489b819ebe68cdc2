namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// The file's own match keys, as (key hash, row) pairs appended while the file is read and sorted once after it: 8 bytes
/// a key, no table kept half empty, and no lookup per row while the file is read (a binary search of the clients' keys
/// per key missed the cache at every step and made the reading two and a half times slower). Sorted, the pairs are
/// compared with the earlier rows of the file (in each run of one hash the first row is the earliest) and merged with the
/// sorted clients' keys in one sequential pass. A hit is only a hint (two keys may share a hash): the rows it names are
/// compared exactly later.
/// </summary>
public sealed class FileMatchKeys
{
    private long[] _entries = new long[1 << 16];
    private int _count;

    public void Add(int hash, int rowNumber)
    {
        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        _entries[_count++] = ((long)hash << 32) | (uint)rowNumber;
    }

    /// <summary>
    /// Sorts the keys and answers the hints, then lets the keys go: each row that shares a key hash with an earlier row,
    /// as (row &lt;&lt; 32 | earliest row with that hash), and each row that shares one with clients, as (row &lt;&lt; 32 |
    /// client ID), at most <paramref name="maxClientsPerRow"/> clients a row; once per pair, in row order.
    /// </summary>
    public (List<long> RowHints, List<long> ClientHints) Hints(ClientMatchIndex clients, int maxClientsPerRow)
    {
        var entries = _entries;
        var count = _count;
        _entries = [];
        _count = 0;
        Array.Sort(entries, 0, count);
        var rowHints = new List<long>();
        var clientHints = new List<long>();
        var clientEntries = clients.Entries;
        var at = 0;
        for (var start = 0; start < count;)
        {
            var hash = entries[start] >> 32;
            var end = start + 1;
            while (end < count && (entries[end] >> 32) == hash)
            {
                end++;
            }

            var first = (uint)entries[start];
            for (var i = start + 1; i < end; i++)
            {
                var row = (uint)entries[i];
                if (row != first)
                {
                    rowHints.Add(((long)row << 32) | first);
                }
            }

            // The clients' keys are sorted the same way: move forward to this hash, never back.
            while (at < clientEntries.Length && (clientEntries[at] >> 32) < hash)
            {
                at++;
            }

            for (var c = at; c < clientEntries.Length && c - at < maxClientsPerRow && (clientEntries[c] >> 32) == hash; c++)
            {
                var clientId = (uint)clientEntries[c];
                for (var i = start; i < end; i++)
                {
                    clientHints.Add(((long)(uint)entries[i] << 32) | clientId);
                }
            }

            start = end;
        }

        return (InRowOrder(rowHints, int.MaxValue), InRowOrder(clientHints, maxClientsPerRow));
    }

    /// <summary>Sorted, each pair once (a row may share two keys with one row or client), at most <paramref name="maxPerRow"/> a row.</summary>
    private static List<long> InRowOrder(List<long> hints, int maxPerRow)
    {
        hints.Sort();
        var kept = 0;
        var ofRow = 0;
        for (var i = 0; i < hints.Count; i++)
        {
            if (kept > 0 && hints[i] == hints[kept - 1])
            {
                continue;
            }

            ofRow = kept > 0 && hints[i] >> 32 == hints[kept - 1] >> 32 ? ofRow + 1 : 1;
            if (ofRow <= maxPerRow)
            {
                hints[kept++] = hints[i];
            }
        }

        hints.RemoveRange(kept, hints.Count - kept);
        return hints;
    }
}
