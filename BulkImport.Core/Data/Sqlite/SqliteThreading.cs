using SQLitePCL;

namespace BulkImport.Core.Data.Sqlite;

/// <summary>
/// SQLite's threading mode for the process: multi-thread, not the serialized mode the bundled library starts in.
/// Serialized, every call into SQLite (each bind, step and column read) locks and unlocks its connection's mutex, and
/// every allocation a process-wide one: 8-9 % of a commit's CPU (`perf`, 2026-12-07). The app never needs those locks,
/// because it never uses one connection on two threads at once: ADO.NET connections are not thread-safe anyway, each
/// stage of a hot path has a connection of its own (the staging writer, the commit's read-ahead, the checkpointer), and a
/// stage's connection is closed only after its thread has stopped. Cancelling a statement from another thread
/// (<c>sqlite3_interrupt</c>) stays safe in this mode. SQLite takes the setting only before its first connection in
/// the process, so the app asks for it when its services are registered; asked too late, SQLite stays serialized,
/// which is only slower.
/// </summary>
public static class SqliteThreading
{
    private static int _asked;

    /// <summary>Whether this process's SQLite took multi-thread mode.</summary>
    public static bool IsMultiThread { get; private set; }

    /// <summary>Sets multi-thread mode (and no memory statistics, which take a process-wide lock) if SQLite has not started yet.</summary>
    public static void UseMultiThread()
    {
        if (Interlocked.Exchange(ref _asked, 1) == 1)
        {
            return;
        }

        Batteries_V2.Init();
        IsMultiThread = raw.sqlite3_config(raw.SQLITE_CONFIG_MULTITHREAD) == raw.SQLITE_OK;
        if (IsMultiThread)
        {
            _ = raw.sqlite3_config(raw.SQLITE_CONFIG_MEMSTATUS, 0);
        }
    }
}
