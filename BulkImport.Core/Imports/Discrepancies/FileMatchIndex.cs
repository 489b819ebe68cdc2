namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// The match keys met so far in the file, as hash → first row with that hash, in an open-addressing table of 8-byte
/// slots (a million rows with four keys each take about 64 MB at most, never the rows). A hit is a hint compared exactly later.
/// </summary>
public sealed class FileMatchIndex
{
    private ulong[] _slots = new ulong[1 << 16];
    private int _count;

    /// <summary>The first row seen with <paramref name="hash"/>; or records <paramref name="rowNumber"/> as that row and answers 0.</summary>
    public int FirstOrAdd(int hash, int rowNumber)
    {
        if (_count * 10 >= _slots.Length * 6)
        {
            Grow();
        }

        var mask = _slots.Length - 1;
        var tag = (ulong)(uint)hash << 32;
        for (var i = Mix(hash) & mask; ; i = (i + 1) & mask)
        {
            var slot = _slots[i];
            if (slot == 0)
            {
                _slots[i] = tag | (uint)rowNumber;
                _count++;
                return 0;
            }

            if ((slot & 0xFFFF_FFFF_0000_0000) == tag)
            {
                return (int)(uint)slot;
            }
        }
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new ulong[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var slot in old)
        {
            if (slot == 0)
            {
                continue;
            }

            var i = Mix((int)(slot >> 32)) & mask;
            while (_slots[i] != 0)
            {
                i = (i + 1) & mask;
            }

            _slots[i] = slot;
        }
    }

    /// <summary>Spreads string hashes over the table (their low bits alone cluster).</summary>
    private static int Mix(int hash) => (int)((uint)hash * 2654435769u >> 7);
}
