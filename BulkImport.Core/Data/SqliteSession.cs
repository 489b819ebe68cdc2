using System.Data.Common;
using System.Globalization;

namespace BulkImport.Core.Data;

/// <summary>
/// Connection settings for the duration of one hot-path run. SQLite's default page cache (2 MB) makes the
/// indexes of a million staged rows spill and re-read pages on every batch; the writer gets a larger cache while it
/// works and gives it back when the connection returns to the pool.
/// </summary>
public sealed class SqliteSession : IDisposable
{
    /// <summary>Page cache of a hot-path writer, in KiB.</summary>
    public const int WriterCacheKib = 64 * 1024;

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
        }
    }
}
