using BulkImport.Core.Data;
using BulkImport.Core.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Support;

/// <summary>A migrated SQLite file with the demo data, without the web app: for tests of Core parts that touch the database.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _folder;

    private TestDatabase(string folder, DbContextOptions<BulkImportDbContext> options)
    {
        _folder = folder;
        Options = options;
    }

    public DbContextOptions<BulkImportDbContext> Options { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "test-data", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var options = new DbContextOptionsBuilder<BulkImportDbContext>()
            .UseSqlite($"Data Source={Path.Combine(folder, "bulkimport.db")}")
            .AddInterceptors(new SqlitePragmas())
            .Options;
        var database = new TestDatabase(folder, options);
        await using var db = database.CreateDbContext();
        await db.Database.MigrateAsync();
        await ReferenceDataLoader.LoadIfEmptyAsync(db);
        return database;
    }

    public BulkImportDbContext CreateDbContext() => new(Options);

    public ValueTask DisposeAsync()
    {
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
