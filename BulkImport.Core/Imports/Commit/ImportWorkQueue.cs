using System.Threading.Channels;

namespace BulkImport.Core.Imports.Commit;

/// <summary>
/// Work waiting for the background workers: imports to read and validate, and imports to commit.
/// Unbounded: entries are import IDs, and the database remains the source of truth for what to do.
/// </summary>
public sealed class ImportWorkQueue
{
    public Channel<int> Validation { get; } = Channel.CreateUnbounded<int>();

    public Channel<int> Commit { get; } = Channel.CreateUnbounded<int>();
}
