using System.Data.Common;
using System.Globalization;

namespace BulkImport.Core.Data;

/// <summary>
/// Connection settings for the duration of one hot-path run. SQLite's default page cache (2 MB) makes the
/// indexes of a million staged rows spill and re-read pages on every batch, and its default checkpoint every 1,000 WAL
/// pages (4 MB) syncs the disk a hundred times per million rows. The writer gets a larger cache and checkpoints every
/// 40 MB while it works, and gives both back when the connection returns to the pool.
/// </summary>
public sealed class SqliteSession : IDisposable
{
    /// <summary>Page cache of a hot-path writer, in KiB.</summary>
    public const int WriterCacheKib = 16 * 1024;

    /// <summary>WAL pages between automatic checkpoints while the writer works (SQLite's default is 1,000).</summary>
    public const int WriterCheckpointPages = 10_000;

    private readonly DbConnection _connection;
    private readonly string _previous;

    private SqliteSession(DbConnection connection, string previous)
    {
        _connection = connection;
        _previous = previous;
    }

    public static SqliteSession LargeCache(DbConnection connection)
    {
        var previous = Convert.ToString(Scalar(connection, "PRAGMA cache_size"), CultureInfo.InvariantCulture) ?? "-2000";
        Scalar(connection, $"PRAGMA cache_size = -{WriterCacheKib.ToString(CultureInfo.InvariantCulture)}");
        Scalar(connection, $"PRAGMA wal_autocheckpoint = {WriterCheckpointPages.ToString(CultureInfo.InvariantCulture)}");
        return new SqliteSession(connection, previous);
    }

    private static object? Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        if (_connection.State == System.Data.ConnectionState.Open)
        {
            Scalar(_connection, $"PRAGMA cache_size = {long.Parse(_previous, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)}");
            Scalar(_connection, "PRAGMA wal_autocheckpoint = 1000");
        }
    }
}
