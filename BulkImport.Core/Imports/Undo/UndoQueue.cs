using System.Threading.Channels;

namespace BulkImport.Core.Imports.Undo;

/// <summary>Imports waiting to be undone, for the undo worker; the database (status Undoing) stays the source of truth.</summary>
public sealed class UndoQueue
{
    public Channel<int> Imports { get; } = Channel.CreateUnbounded<int>();
}
