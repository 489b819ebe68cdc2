using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BulkImport.Core.Data.Sqlite;

/// <summary>
/// Lets <c>dotnet ef migrations add X --context BulkImportDbContext</c> build SQLite's model. Without it the tools take
/// <see cref="PostgreSql.PostgreSqlDesignTimeFactory"/> for this context too (its context is a subclass of this one)
/// and write a PostgreSQL migration into SQLite's set. Adding a migration does not open the file.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<BulkImportDbContext>
{
    public BulkImportDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<BulkImportDbContext>();
        DatabaseProvider.Configure(options, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new BulkImportDbContext(options.Options);
    }
}
