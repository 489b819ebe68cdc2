using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BulkImport.Core.Data.PostgreSql;

/// <summary>
/// Lets <c>dotnet ef migrations add X --context PostgreSqlDbContext</c> build the PostgreSQL model without the app. Adding
/// a migration does not connect; the connection string (BULKIMPORT_POSTGRES, else a local default) matters only to
/// <c>dotnet ef database update</c>.
/// </summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlDbContext>
{
    public PostgreSqlDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("BULKIMPORT_POSTGRES") ?? "Host=127.0.0.1;Username=bulkimport;Database=bulkimport";
        var options = new DbContextOptionsBuilder<BulkImportDbContext>();
        DatabaseProvider.Configure(options, DatabaseProvider.PostgreSql, connectionString);
        return new PostgreSqlDbContext(options.Options);
    }
}
