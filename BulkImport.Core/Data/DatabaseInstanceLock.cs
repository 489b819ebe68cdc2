using BulkImport.Core.Data.Sqlite;

namespace BulkImport.Core.Data;

/// <summary>
/// One SQLite file serves one instance (SPEC 22). A second app on the same file would take the first one's running
/// commit for interrupted (marking it CommitFailed) and delete the staged rows of the file it is reading. So the app
/// holds an exclusive lock on a side file, <c>&lt;database&gt;.lock</c>, from before it touches the database until it
/// stops; a second instance cannot take it and refuses to start, naming the file. The operating system releases the
/// lock when the process ends, however it ends, so a killed app never leaves the file locked.
/// </summary>
/// <remarks>
/// The lock is an OS file lock (.NET's <see cref="FileShare.None"/>: <c>flock</c> on Linux, a share mode on Windows),
/// held per open file, so it also keeps apart two hosts in one process (tests). The side file stays when the app
/// stops: deleting it could let two instances lock two different files of the same name. The side file is named after
/// the real database file (<see cref="SqliteDatabaseFile"/>: symbolic links followed, <c>file:</c> URIs read), not after
/// the text of the connection string: a second instance reaching the file through a link or a URI meets the same lock.
/// </remarks>
public sealed class DatabaseInstanceLock : IDisposable
{
    private readonly Lock _gate = new();
    private FileStream? _held;

    /// <summary>The database file locked (links followed), or null while none is (in-memory databases have nothing to lock).</summary>
    public string? DatabaseFile { get; private set; }

    /// <summary>Takes the lock of the database that <paramref name="connectionString"/> names, or throws saying which file another instance holds.</summary>
    public void Acquire(string connectionString, string contentRoot)
    {
        if (SqliteDatabaseFile.PathOf(connectionString, contentRoot) is not { } written)
        {
            return;
        }

        var database = SqliteDatabaseFile.RealPath(written);
        var lockFile = database + ".lock";
        lock (_gate)
        {
            if (_held is not null)
            {
                return;
            }

            try
            {
                _held = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (e is not DirectoryNotFoundException)
            {
                // Held by another process (a missing folder is not that: its own message says which folder).
                throw new InvalidOperationException(
                    $"Another BulkImport instance is using the database {written}{(written == database ? "" : $", which is {database}")} (it holds {lockFile}). "
                    + "One SQLite file serves one instance: "
                    + "stop the other instance, or give this one its own database file (ConnectionStrings:BulkImport).", e);
            }

            DatabaseFile = database;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _held?.Dispose();
            _held = null;
            DatabaseFile = null;
        }
    }
}
