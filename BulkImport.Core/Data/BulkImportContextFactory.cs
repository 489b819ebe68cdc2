using BulkImport.Core.Data.PostgreSql;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Data;

/// <summary>
/// Makes the app's contexts: a <see cref="BulkImportDbContext"/> on SQLite, its PostgreSQL twin (<see cref="PostgreSqlDbContext"/>,
/// whose migrations are PostgreSQL's) on PostgreSQL. Everything else asks for a <see cref="BulkImportDbContext"/> and
/// never knows which.
/// </summary>
public sealed class BulkImportContextFactory(DbContextOptions<BulkImportDbContext> options) : IDbContextFactory<BulkImportDbContext>
{
    private readonly bool _postgreSql = options.Extensions.Any(e => e.GetType().Name.StartsWith("Npgsql", StringComparison.Ordinal));

    public BulkImportDbContext CreateDbContext() => _postgreSql ? new PostgreSqlDbContext(options) : new BulkImportDbContext(options);
}
