using System.Runtime.InteropServices;

namespace BulkImport.Core.Jobs;

/// <summary>
/// Gives the free pages of the process's native heap back to the system. A large job frees tens of MB of native memory
/// (its connections' SQLite page caches, the hot writer's larger one, decoding buffers), and glibc keeps what was freed in
/// its arenas instead of returning it: each later job then starts that much larger, so an app that has run several
/// imports peaks higher in the next than one that has run none (measured 2026-12-07: 40–80 MB of free arena pages
/// between two imports, docs/decisions.md "The app process's memory"). Linux with glibc only; elsewhere it does nothing.
/// </summary>
public static class NativeHeap
{
    public static void GiveBack()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (EntryPointNotFoundException)
        {
            // A C library without malloc_trim (musl, on Alpine) returns freed pages by itself.
        }
        catch (DllNotFoundException)
        {
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
