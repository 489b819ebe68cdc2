using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// (key hash &lt;&lt; 32 | ID) entries split by the top bits of another hash of the key into <see cref="Partitions"/>
/// partitions (so a hint needs 38 equal bits, not 32: <see cref="MatchKeys.Hash"/>), each kept as blocks in a temporary
/// file with only its last, unfilled block in memory. Equal keys always share a partition, so two sides can be merged
/// one partition at a time: a million rows' keys against a million clients' take a few MB of memory instead of two
/// 32 MB arrays (which, with the staging's own buffers, put the process over its 300 MB bound). The file is written
/// and read back sequentially a block at a time; the operating system's page cache, not the process, holds it, and it
/// is deleted when closed. 64 partitions, not 16: a merge holds one partition of each side, and at 10,000,000 rows (four
/// keys a row) one of 16 was 20 MB, enough to put the process over its bound again; the 64 unfilled blocks of a side
/// cost 2 MB.
/// </summary>
public sealed class PartitionedMatchKeys : IDisposable
{
    public const int PartitionBits = 6;
    public const int Partitions = 1 << PartitionBits;

    /// <summary>Entries of one block: 32 KB, a write of a size the file system likes.</summary>
    public const int BlockEntries = 4096;

    private readonly long[]?[] _tails = new long[]?[Partitions];
    private readonly int[] _tailCounts = new int[Partitions];
    private readonly List<long>[] _blocks = Enumerable.Range(0, Partitions).Select(_ => new List<long>()).ToArray();
    private SafeFileHandle? _file;
    private long _fileLength;
    private bool _sorted;

    /// <summary>How many entries there are.</summary>
    public long Count { get; private set; }

    /// <summary>How many entries partition <paramref name="partition"/> holds.</summary>
    public int CountOf(int partition) => _blocks[partition].Count * BlockEntries + _tailCounts[partition];

    /// <summary>The most entries any partition holds (the buffer a merge needs).</summary>
    public int LargestPartition => Enumerable.Range(0, Partitions).Max(CountOf);

    /// <summary>Adds a key's <see cref="MatchKeys.Hash"/>: its upper half picks the partition, its lower half is kept with the ID.</summary>
    public void Add(long hash, int id)
    {
        var partition = PartitionOf(hash);
        var tail = _tails[partition] ??= new long[BlockEntries];
        tail[_tailCounts[partition]++] = (hash << 32) | (uint)id;
        Count++;
        _sorted = false;
        if (_tailCounts[partition] == BlockEntries)
        {
            _blocks[partition].Add(Append(tail));
            _tailCounts[partition] = 0;
        }
    }

    /// <summary>
    /// Reads partition <paramref name="partition"/> into the start of <paramref name="buffer"/> (at least
    /// <see cref="CountOf"/> long) and sorts it: equal hashes become one run, the lowest ID first.
    /// </summary>
    public Span<long> ReadSorted(int partition, long[] buffer)
    {
        var at = 0;
        foreach (var offset in _blocks[partition])
        {
            RandomAccess.Read(_file!, MemoryMarshal.AsBytes(buffer.AsSpan(at, BlockEntries)), offset);
            at += BlockEntries;
        }

        if (_tails[partition] is { } tail)
        {
            tail.AsSpan(0, _tailCounts[partition]).CopyTo(buffer.AsSpan(at));
            at += _tailCounts[partition];
        }

        var entries = buffer.AsSpan(0, at);
        if (!_sorted)
        {
            entries.Sort();
        }

        return entries;
    }

    /// <summary>
    /// Sorts every partition where it is kept (its blocks rewritten in order, its tail last), so a later
    /// <see cref="ReadSorted"/> finds it sorted: the clients' side does this on its own thread while the file is read.
    /// </summary>
    public void SortInPlace(CancellationToken ct)
    {
        var buffer = GC.AllocateUninitializedArray<long>(Math.Max(1, LargestPartition));
        for (var partition = 0; partition < Partitions; partition++)
        {
            ct.ThrowIfCancellationRequested();
            var sorted = ReadSorted(partition, buffer);
            var at = 0;
            foreach (var offset in _blocks[partition])
            {
                RandomAccess.Write(_file!, MemoryMarshal.AsBytes(sorted.Slice(at, BlockEntries)), offset);
                at += BlockEntries;
            }

            sorted[at..].CopyTo(_tails[partition]);
        }

        _sorted = true;
    }

    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
        Array.Clear(_tails);
    }

    private static int PartitionOf(long hash) => (int)((ulong)hash >> (64 - PartitionBits));

    private long Append(long[] block)
    {
        _file ??= File.OpenHandle(Path.Combine(Path.GetTempPath(), $"bulkimport-match-keys-{Guid.NewGuid():N}.tmp"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        var offset = _fileLength;
        RandomAccess.Write(_file, MemoryMarshal.AsBytes(block.AsSpan()), offset);
        _fileLength += (long)block.Length * sizeof(long);
        return offset;
    }
}
