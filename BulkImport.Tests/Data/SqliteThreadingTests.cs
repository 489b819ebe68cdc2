using System.Runtime.InteropServices;
using BulkImport.Core.Data.Sqlite;
using BulkImport.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Data;

/// <summary>
/// SQLite runs in multi-thread mode, as in the app (<see cref="SqliteThreading"/>): a connection then has no mutex of its
/// own, which SQLite says by <c>sqlite3_db_mutex</c> returning null. The test process asks for the mode before its first
/// connection (<see cref="TestProcess"/>), so the whole suite runs the way the app does.
/// </summary>
public class SqliteThreadingTests
{
    [DllImport("e_sqlite3")]
    private static extern nint sqlite3_db_mutex(nint db);

    [Fact]
    public async Task A_connection_of_the_apps_database_takes_no_mutex_of_its_own()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();

        SqliteThreading.IsMultiThread.Should().BeTrue();
        sqlite3_db_mutex(connection.Handle!.DangerousGetHandle()).Should().Be(0, "a serialized connection would lock a mutex around every call");
        (await db.Clients.CountAsync()).Should().BeGreaterThan(0, "the database still answers");
    }
}
