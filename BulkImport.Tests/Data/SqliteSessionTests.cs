using BulkImport.Core.Data;
using BulkImport.Core.Data.Sqlite;
using Microsoft.Data.Sqlite;

namespace BulkImport.Tests.Data;

/// <summary>A hot-path writer's session: the writer never checkpoints, its own checkpointer does, and the settings come back.</summary>
public sealed class SqliteSessionTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"session-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={_path}");
        connection.Open();
        Run(connection, "PRAGMA journal_mode = WAL");
        return connection;
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void The_writer_does_not_checkpoint_and_gets_its_settings_back_with_every_frame_copied()
    {
        using var writer = Open();
        Run(writer, "CREATE TABLE t (v TEXT); PRAGMA cache_size = -3000; PRAGMA wal_autocheckpoint = 700;");

        using (SqliteSession.HotWriter(writer))
        {
            Scalar(writer, "PRAGMA wal_autocheckpoint").Should().Be(0, "the writer's commits must not stop to checkpoint");
            Scalar(writer, "PRAGMA cache_size").Should().Be(-SqliteSession.WriterCacheKib);
            for (var batch = 0; batch < 20; batch++)
            {
                using var transaction = writer.BeginTransaction();
                Run(writer, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) INSERT INTO t SELECT printf('%0500d', i) FROM n");
                transaction.Commit();
            }
        }

        Scalar(writer, "PRAGMA wal_autocheckpoint").Should().Be(700);
        Scalar(writer, "PRAGMA cache_size").Should().Be(-3000);
        // 4,000 rows of 500 characters: in the database file itself only if the session's checkpointer copied them
        // (the writer never checkpointed, and every connection is still open).
        new FileInfo(_path).Length.Should().BeGreaterThan(2_000_000, "the checkpointer copies what the writer wrote, the last batch included");
    }
}
