using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BulkImport.Core.Data.Sqlite;

/// <summary>
/// Per-connection SQLite settings: WAL lets readers (the grid) work while one writer commits, and NORMAL sync is
/// safe under WAL (a power cut can lose the last transactions, never corrupt the file). The busy timeout makes a
/// writer wait for the lock instead of failing with "database is locked". And lower() as .NET lowers text, every
/// letter, not ASCII only, so searches ignore case as they do on PostgreSQL.
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
        // SQLite's own lower() knows ASCII only, PostgreSQL's every letter: searches that compare lower(x) (history, clients,
        // an e-mail's possible duplicates) found "Ünïcode" from "ÜNÏCODE" on PostgreSQL only. No index is built on lower().
        ((Microsoft.Data.Sqlite.SqliteConnection)connection).CreateFunction("lower", (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
    }
}
