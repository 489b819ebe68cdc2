using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Data.PostgreSql;

/// <summary>
/// The same model on PostgreSQL. A type of its own so PostgreSQL has its own migrations set
/// (<c>Data/PostgreSql/Migrations</c>, attributed to this type): EF Core finds a context's migrations by its type. The
/// app creates it wherever it asks for a <see cref="BulkImportDbContext"/> on PostgreSQL (<see cref="BulkImportContextFactory"/>).
/// </summary>
public sealed class PostgreSqlDbContext(DbContextOptions<BulkImportDbContext> options) : BulkImportDbContext(options)
{
    /// <summary>The leases of background work (<see cref="PostgreSqlLeaseStore"/>): several instances share this database.</summary>
    public DbSet<WorkLeaseRow> WorkLeases => Set<WorkLeaseRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Here, not as an IEntityTypeConfiguration of the shared model: SQLite has no table of leases (one instance).
        var lease = modelBuilder.Entity<WorkLeaseRow>();
        lease.ToTable("WorkLeases");
        lease.HasKey(l => new { l.Kind, l.ImportId });
        lease.Property(l => l.Kind).HasMaxLength(32);
        lease.Property(l => l.Holder).HasMaxLength(200);
        lease.HasIndex(l => l.ImportId);

        // A staged row and a row result name their import without a foreign key on PostgreSQL: the key's check is a
        // query per row written (a trigger, SELECT … FOR KEY SHARE of the import), and these tables are written a row
        // per row of the file by COPY (1,000,000 rows: 2,000,000 checks, 13 s of server time under load). Only the
        // import's own hot paths write them, always for an import they have just read, and an import is never deleted
        // (retention clears its row values, not the import); docs/decisions.md, "PostgreSQL: no foreign key on the rows".
        foreach (var rows in new[] { typeof(ImportRow), typeof(RowResult) })
        {
            var entity = modelBuilder.Entity(rows).Metadata;
            foreach (var key in entity.GetForeignKeys().Where(k => k.PrincipalEntityType.ClrType == typeof(Import)).ToList())
            {
                entity.RemoveForeignKey(key);
            }
        }
    }
}
