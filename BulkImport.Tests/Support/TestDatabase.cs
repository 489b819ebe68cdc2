using BulkImport.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Support;

/// <summary>
/// A migrated database with the demo data, without the web app: for tests of Core parts that touch the database. A
/// SQLite file by default; on PostgreSQL a database of its own on the server of BULKIMPORT_POSTGRES, dropped after.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string? _postgreSql;

    private TestDatabase(string folder, DbContextOptions<BulkImportDbContext> options, string? postgreSql = null)
    {
        _folder = folder;
        Options = options;
        _postgreSql = postgreSql;
    }

    public DbContextOptions<BulkImportDbContext> Options { get; }

    public static async Task<TestDatabase> CreateAsync(TestEngine engine)
    {
        if (engine == TestEngine.Sqlite)
        {
            return await CreateAsync();
        }

        var connectionString = PostgreSqlServer.CreateDatabase();
        var options = new DbContextOptionsBuilder<BulkImportDbContext>();
        DatabaseProvider.Configure(options, DatabaseProvider.PostgreSql, connectionString);
        var database = new TestDatabase("", options.Options, connectionString);
        await using var db = database.CreateDbContext();
        await db.Database.MigrateAsync();
        await ReferenceDataLoader.LoadIfEmptyAsync(db);
        return database;
    }

    public static async Task<TestDatabase> CreateAsync()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "test-data", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var options = new DbContextOptionsBuilder<BulkImportDbContext>();
        DatabaseProvider.Configure(options, DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "bulkimport.db")}");
        var database = new TestDatabase(folder, options.Options);
        await using var db = database.CreateDbContext();
        await db.Database.MigrateAsync();
        await ReferenceDataLoader.LoadIfEmptyAsync(db);
        return database;
    }

    /// <summary>PostgreSQL's context is its subclass, which its migrations belong to.</summary>
    public BulkImportDbContext CreateDbContext() => _postgreSql is null ? new BulkImportDbContext(Options) : new Core.Data.PostgreSql.PostgreSqlDbContext(Options);

    public ValueTask DisposeAsync()
    {
        if (_postgreSql is not null)
        {
            PostgreSqlServer.DropDatabase(_postgreSql);
            return ValueTask.CompletedTask;
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The test output folder is temporary anyway.
        }

        return ValueTask.CompletedTask;
    }
}
