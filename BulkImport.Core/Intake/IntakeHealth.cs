using System.Collections.Concurrent;

namespace BulkImport.Core.Intake;

/// <summary>A watched folder that cannot be used, and why (shown on <c>/health/ready</c> and in the log).</summary>
public sealed record IntakeFolderProblem(string Path, string Problem);

/// <summary>What the last look at the watched folders found; read by the readiness check.</summary>
public sealed class IntakeHealth
{
    private readonly ConcurrentDictionary<string, string> _problems = new(StringComparer.Ordinal);
    private long _scans;

    public IReadOnlyList<IntakeFolderProblem> Problems => [.. _problems.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new IntakeFolderProblem(p.Key, p.Value))];

    /// <summary>How many times the folders have been looked at since the start (tests wait on it instead of on time).</summary>
    public long Scans => Interlocked.Read(ref _scans);

    /// <summary>Records the folder's state; returns true when it changed (so the log says it once, not every second).</summary>
    internal bool Set(string path, string? problem)
    {
        if (problem is null)
        {
            return _problems.TryRemove(path, out _);
        }

        var changed = !_problems.TryGetValue(path, out var before) || before != problem;
        _problems[path] = problem;
        return changed;
    }

    internal void Scanned() => Interlocked.Increment(ref _scans);
}
