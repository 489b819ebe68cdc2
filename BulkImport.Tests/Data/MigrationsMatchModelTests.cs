using BulkImport.Core.Data;
using BulkImport.Core.Data.PostgreSql;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Data;

/// <summary>
/// Each engine's migrations set builds exactly the model (issue 23): a model change without its migration on one engine
/// fails here, naming the engine and the command that adds it (docs/decisions.md, "Engines"). Neither needs a server.
/// </summary>
public sealed class MigrationsMatchModelTests
{
    [Fact]
    public void SQLite_migrations_build_the_model()
    {
        var options = new DbContextOptionsBuilder<BulkImportDbContext>();
        DatabaseProvider.Configure(options, DatabaseProvider.Sqlite, "Data Source=:memory:");
        using var db = new BulkImportDbContext(options.Options);

        db.Database.HasPendingModelChanges().Should().BeFalse(
            "the model changed without a SQLite migration: dotnet ef migrations add <Name> --project BulkImport.Core --startup-project BulkImport.App --context BulkImportDbContext --output-dir Data/Migrations");
    }

    [Fact]
    public void PostgreSQL_migrations_build_the_model()
    {
        using var db = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        db.Database.HasPendingModelChanges().Should().BeFalse(
            "the model changed without a PostgreSQL migration: dotnet ef migrations add <Name> --project BulkImport.Core --startup-project BulkImport.App --context PostgreSqlDbContext --output-dir Data/PostgreSql/Migrations (the SQLite migration's name; docs/decisions.md, \"Two migrations sets, one model\")");
    }
}
