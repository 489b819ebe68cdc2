using System.Runtime.InteropServices;
using BulkImport.Core.Jobs;
using FluentAssertions;
using Xunit;

namespace BulkImport.Tests.Jobs;

/// <summary>
/// What a large job leaves behind, in small native blocks freed between blocks still held (SQLite's page caches are
/// such blocks): glibc keeps the freed pages, and <see cref="NativeHeap.GiveBack"/> returns them to the system.
/// </summary>
[Collection(nameof(NativeHeapCollection))]
public sealed class NativeHeapTests
{
    private const int BlockBytes = 4096;
    private const int Blocks = 32_768; // 128 MB
    private const int KeepEvery = 64;

    [Fact]
    public void Free_native_pages_are_kept_by_the_heap_until_given_back()
    {
        var blocks = new nint[Blocks];
        var fill = new byte[BlockBytes];
        Array.Fill(fill, (byte)1);
        for (var i = 0; i < Blocks; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(BlockBytes);
            Marshal.Copy(fill, 0, blocks[i], BlockBytes);
        }

        try
        {
            // Every block but one in each run of 64, and the last, is freed: the free runs lie between held blocks, so
            // glibc cannot shrink its heap from the top and keeps them.
            for (var i = 0; i < Blocks - 1; i++)
            {
                if (i % KeepEvery != 0)
                {
                    Marshal.FreeHGlobal(blocks[i]);
                    blocks[i] = 0;
                }
            }

            var freedMb = (Blocks - Blocks / KeepEvery - 1) * (long)BlockBytes / (1024 * 1024);
            var kept = AnonymousKb();
            NativeHeap.GiveBack();
            var givenBack = (kept - AnonymousKb()) / 1024;

            givenBack.Should().BeGreaterThan(freedMb / 2, $"{freedMb} MB were freed between held blocks, and GiveBack should return most of them");
        }
        finally
        {
            foreach (var block in blocks.Where(b => b != 0))
            {
                Marshal.FreeHGlobal(block);
            }
        }
    }

    /// <summary>The process's resident anonymous memory (heap, not files), in KB.</summary>
    private static long AnonymousKb()
    {
        var line = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("RssAnon:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>The test reads the whole process's resident memory: no other test may allocate or free meanwhile.</summary>
[CollectionDefinition(nameof(NativeHeapCollection), DisableParallelization = true)]
public sealed class NativeHeapCollection;
