namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// The file's own match keys, as (key hash, row) pairs appended while the file is read (no lookup per row: a binary
/// search of the clients' keys per key missed the cache at every step and made the reading two and a half times
/// slower), kept partitioned by hash outside the process's memory (<see cref="PartitionedMatchKeys"/>). After the pass
/// each partition is read and sorted, compared with the earlier rows of the file (in each run of one hash the first row
/// is the earliest) and merged with the same partition of the sorted clients' keys, one partition at a time. A hit is
/// only a hint (two keys may share a hash): the rows it names are compared exactly later.
/// </summary>
public sealed class FileMatchKeys : IDisposable
{
    /// <summary>Hints a list holds before it is compacted rather than grown (512 KB): below it, sorting would cost more than it saves.</summary>
    private const int CompactFrom = 64 * 1024;

    private readonly PartitionedMatchKeys _keys = new();

    public void Add(long hash, int rowNumber) => _keys.Add(hash, rowNumber);

    /// <summary>
    /// Answers the hints, then lets the keys go: each row that shares a key hash with an earlier row, as (row &lt;&lt; 32 |
    /// earliest row with that hash), and each row that shares one with clients, as (row &lt;&lt; 32 | client ID), at most
    /// <paramref name="maxClientsPerRow"/> clients a row; once per pair, in row order.
    /// </summary>
    public (List<long> RowHints, List<long> ClientHints) Hints(ClientMatchIndex clients, int maxClientsPerRow)
    {
        var rowHints = new List<long>();
        var clientHints = new List<long>();
        // One buffer a side, as large as its largest partition, reused for every partition and dropped after.
        var fileBuffer = GC.AllocateUninitializedArray<long>(Math.Max(1, _keys.LargestPartition));
        var clientBuffer = GC.AllocateUninitializedArray<long>(Math.Max(1, clients.Keys.LargestPartition));
        for (var partition = 0; partition < PartitionedMatchKeys.Partitions; partition++)
        {
            if (_keys.CountOf(partition) > 0)
            {
                Merge(_keys.ReadSorted(partition, fileBuffer), clients.Keys.ReadSorted(partition, clientBuffer), maxClientsPerRow, rowHints, clientHints);
            }
        }

        _keys.Dispose();
        return (InRowOrder(rowHints, int.MaxValue), InRowOrder(clientHints, maxClientsPerRow));
    }

    public void Dispose() => _keys.Dispose();

    /// <summary>One partition: both sides sorted, so the clients' side is walked forward only, never back.</summary>
    private static void Merge(ReadOnlySpan<long> entries, ReadOnlySpan<long> clientEntries, int maxClientsPerRow, List<long> rowHints, List<long> clientHints)
    {
        var at = 0;
        for (var start = 0; start < entries.Length;)
        {
            var hash = entries[start] >> 32;
            var end = start + 1;
            while (end < entries.Length && (entries[end] >> 32) == hash)
            {
                end++;
            }

            var first = (uint)entries[start];
            for (var i = start + 1; i < end; i++)
            {
                var row = (uint)entries[i];
                if (row != first)
                {
                    Append(rowHints, ((long)row << 32) | first, int.MaxValue);
                }
            }

            while (at < clientEntries.Length && (clientEntries[at] >> 32) < hash)
            {
                at++;
            }

            for (var c = at; c < clientEntries.Length && c - at < maxClientsPerRow && (clientEntries[c] >> 32) == hash; c++)
            {
                var clientId = (uint)clientEntries[c];
                for (var i = start; i < end; i++)
                {
                    Append(clientHints, ((long)(uint)entries[i] << 32) | clientId, maxClientsPerRow);
                }
            }

            start = end;
        }
    }

    /// <summary>
    /// Adds a hint. A full list of many hints is first put <see cref="InRowOrder"/>, and grows only when that freed less
    /// than half of it: a row shares up to four keys with the same client, so a file uploaded twice gave four hints a row
    /// and a 32 MB list (with its 16 MB and 8 MB predecessors on the large-object heap) for 8 MB of distinct pairs, the
    /// peak of the staging's working set. Compacting early is safe: a pair dropped as a row's 21st is never among the
    /// row's first 20 once more are added.
    /// </summary>
    private static void Append(List<long> hints, long hint, int maxPerRow)
    {
        if (hints.Count == hints.Capacity && hints.Count >= CompactFrom)
        {
            InRowOrder(hints, maxPerRow);
            if (hints.Count > hints.Capacity / 2)
            {
                hints.Capacity *= 2;
            }
        }

        hints.Add(hint);
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
