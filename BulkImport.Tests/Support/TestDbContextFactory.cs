using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Support;

/// <summary>The factory Core services take, over a <see cref="TestDatabase"/>.</summary>
public sealed class TestDbContextFactory(TestDatabase database) : IDbContextFactory<BulkImportDbContext>
{
    public BulkImportDbContext CreateDbContext() => database.CreateDbContext();
}
