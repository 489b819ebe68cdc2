using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BulkImport.Core.Data.Sqlite;

/// <summary>
/// Per-connection SQLite settings: WAL lets readers (the grid) work while one writer commits, and NORMAL sync is
/// safe under WAL (a power cut can lose the last transactions, never corrupt the file). The busy timeout makes a
/// writer wait for the lock instead of failing with "database is locked".
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection.GetType().Name != "SqliteConnection")
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";
        command.ExecuteNonQuery();
    }
}
