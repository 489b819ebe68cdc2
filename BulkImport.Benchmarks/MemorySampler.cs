using System.Diagnostics;
using System.Globalization;
using BulkImport.Core.Jobs;

namespace BulkImport.Benchmarks;

/// <summary>
/// Samples a process's working set on a dedicated thread (a thread-pool timer would starve exactly when the pipeline
/// is busiest), and on Linux also resets and reads the kernel's high-water mark (VmHWM), which catches a peak between
/// two samples. For the benchmark's own process it also records the managed heap, to tell GC growth from native memory.
/// </summary>
public sealed class MemorySampler : IDisposable
{
    private readonly int _pid;
    private readonly bool _self;
    private readonly bool _hwmReset;
    private readonly Thread _thread;
    private readonly TimeSpan _interval;
    private volatile bool _stop;

    private MemorySampler(int pid, TimeSpan interval)
    {
        _pid = pid;
        _self = pid == Environment.ProcessId;
        _interval = interval;
        _hwmReset = TryResetHighWaterMark(pid);
        _thread = new Thread(Run) { IsBackground = true, Name = "memory sampler", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    /// <summary>The highest working set seen (bytes): sampled, or the kernel's high-water mark when it could be reset at the start.</summary>
    public long PeakWorkingSet { get; private set; }

    /// <summary>The highest sampled working set alone.</summary>
    public long PeakSampled { get; private set; }

    /// <summary>The highest managed heap seen (this process only).</summary>
    public long PeakManagedHeap { get; private set; }

    public int Samples { get; private set; }

    public static MemorySampler Start(int pid, TimeSpan? interval = null) => new(pid, interval ?? TimeSpan.FromMilliseconds(20));

    public static MemorySampler StartSelf(TimeSpan? interval = null) => Start(Environment.ProcessId, interval);

    /// <summary>
    /// Before a measured section: a full compacting collection, and the native heap's free pages given back as the app's
    /// job pool gives them back after each job (<see cref="NativeHeap"/>). The section's line then counts what the app
    /// holds while it works, not what the harness left (a generated file, a million seeded invoices) or the section before.
    /// </summary>
    public static void Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.GiveBack();
    }

    private void Run()
    {
        using var process = _self ? null : Process.GetProcessById(_pid);
        while (!_stop)
        {
            Sample(process);
            Thread.Sleep(_interval);
        }
    }

    private void Sample(Process? process)
    {
        long workingSet;
        try
        {
            if (process is null)
            {
                workingSet = Environment.WorkingSet;
                PeakManagedHeap = Math.Max(PeakManagedHeap, GC.GetTotalMemory(forceFullCollection: false));
            }
            else
            {
                process.Refresh();
                workingSet = process.WorkingSet64;
            }
        }
        catch (InvalidOperationException)
        {
            return; // the process exited
        }

        PeakSampled = Math.Max(PeakSampled, workingSet);
        Samples++;
    }

    /// <summary>Stops sampling and settles the peak.</summary>
    public void Stop()
    {
        if (_stop)
        {
            return;
        }

        _stop = true;
        _thread.Join();
        PeakWorkingSet = PeakSampled;
        if (_hwmReset && ReadStatusKb(_pid, "VmHWM:") is { } hwm)
        {
            PeakWorkingSet = Math.Max(PeakWorkingSet, hwm * 1024);
        }
    }

    /// <summary>Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0+), so the mark covers this phase only.</summary>
    private static bool TryResetHighWaterMark(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    private static long? ReadStatusKb(int pid, string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    var number = line[key.Length..].Trim().Split(' ')[0];
                    return long.Parse(number, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No procfs (not Linux) or the process is gone: the sampled peak stands.
        }

        return null;
    }

    public void Dispose() => Stop();
}
