using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace BulkImport.Core.Data.Sqlite;

/// <summary>
/// Connection settings for the duration of one hot-path run (staging a file, committing an import). SQLite's default
/// page cache (2 MB) makes the indexes of a million staged rows spill and re-read pages on every batch, so the writer
/// gets a larger one. And the writer does not checkpoint: a checkpoint copies the WAL into the database file and waits
/// for the disk twice, and run in the writer's own commits it stalled the hot path (on the 2-core VM, 6-8 checkpoints
/// of 150-280 ms in a million-row staging, 0.7-2.2 s in all). A checkpointer of its own, on a second connection, copies
/// the WAL every <see cref="CheckpointEvery"/> meanwhile (a PASSIVE checkpoint never blocks the writer), and once more
/// at the end. Both settings are given back when the run ends.
/// </summary>
public sealed class SqliteSession : IDisposable
{
    /// <summary>Page cache of a hot-path writer, in KiB.</summary>
    public const int WriterCacheKib = 16 * 1024;

    /// <summary>How often the checkpointer copies the WAL into the database while the writer works.</summary>
    public static readonly TimeSpan CheckpointEvery = TimeSpan.FromMilliseconds(250);

    private readonly DbConnection _connection;
    private readonly string _previousCache;
    private readonly string _previousCheckpoint;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _checkpointer;

    private SqliteSession(DbConnection connection, string previousCache, string previousCheckpoint, string? checkpointConnection)
    {
        _connection = connection;
        _previousCache = previousCache;
        _previousCheckpoint = previousCheckpoint;
        _checkpointer = checkpointConnection is null
            ? Task.CompletedTask
            : Task.Factory.StartNew(() => Checkpoint(checkpointConnection, _stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Starts a hot-path run on <paramref name="connection"/> (open).</summary>
    public static SqliteSession HotWriter(DbConnection connection)
    {
        var previousCache = Text(Scalar(connection, "PRAGMA cache_size"), "-2000");
        var previousCheckpoint = Text(Scalar(connection, "PRAGMA wal_autocheckpoint"), "1000");
        Scalar(connection, $"PRAGMA cache_size = -{WriterCacheKib.ToString(CultureInfo.InvariantCulture)}");
        // Only a WAL database has a WAL to copy (a test's in-memory database has none).
        var wal = string.Equals(Text(Scalar(connection, "PRAGMA journal_mode"), ""), "wal", StringComparison.OrdinalIgnoreCase);
        if (wal)
        {
            Scalar(connection, "PRAGMA wal_autocheckpoint = 0");
        }

        return new SqliteSession(connection, previousCache, previousCheckpoint, wal ? connection.ConnectionString : null);

        static string Text(object? value, string fallback) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? fallback;
    }

    private static void Checkpoint(string connectionString, CancellationToken stop)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Scalar(connection, "PRAGMA synchronous = NORMAL");
        // Every interval until the run ends, then once more for what the writer wrote last.
        while (!stop.WaitHandle.WaitOne(CheckpointEvery))
        {
            TryCheckpoint(connection);
        }

        TryCheckpoint(connection);
    }

    /// <summary>A checkpoint that cannot run now (another connection's is running) leaves the WAL to the next: nothing is lost.</summary>
    private static void TryCheckpoint(SqliteConnection connection)
    {
        try
        {
            Scalar(connection, "PRAGMA wal_checkpoint(PASSIVE)");
        }
        catch (SqliteException)
        {
        }
    }

    private static object? Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _checkpointer.GetAwaiter().GetResult();
        _stop.Dispose();
        if (_connection.State == System.Data.ConnectionState.Open)
        {
            Scalar(_connection, $"PRAGMA cache_size = {long.Parse(_previousCache, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)}");
            Scalar(_connection, $"PRAGMA wal_autocheckpoint = {long.Parse(_previousCheckpoint, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
