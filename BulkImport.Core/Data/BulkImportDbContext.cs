using BulkImport.Core.Clients;
using BulkImport.Core.Imports;
using BulkImport.Core.Usage;
using BulkImport.Core.Security;
using BulkImport.Core.Settings;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Data;

/// <summary>
/// The schema of the whole product: client data, reference data, imports and their rows, users and their groups, and
/// the data-protection keys that sign cookies and tokens (kept here so a restart, or another instance, accepts them).
/// </summary>
public class BulkImportDbContext(DbContextOptions<BulkImportDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<Section> Sections => Set<Section>();
    public DbSet<ClientAssignment> ClientAssignments => Set<ClientAssignment>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<SelectListValue> SelectListValues => Set<SelectListValue>();
    public DbSet<SelectListValueRename> SelectListValueRenames => Set<SelectListValueRename>();
    public DbSet<Import> Imports => Set<Import>();
    public DbSet<ImportRow> ImportRows => Set<ImportRow>();
    public DbSet<RowResult> RowResults => Set<RowResult>();
    public DbSet<Imports.Fixes.ProblemGroupCount> ProblemGroupCounts => Set<Imports.Fixes.ProblemGroupCount>();
    public DbSet<Imports.Discrepancies.Discrepancy> Discrepancies => Set<Imports.Discrepancies.Discrepancy>();
    public DbSet<UsageEntry> UsageEntries => Set<UsageEntry>();
    public DbSet<UsageReservation> UsageReservations => Set<UsageReservation>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AppSetting> Settings => Set<AppSetting>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Imports.Mapping.SavedMapping> SavedMappings => Set<Imports.Mapping.SavedMapping>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // Every DateTime is UTC and is read back as UTC on both engines, so the API writes each with its Z.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BulkImportDbContext).Assembly);
        if (!Database.IsSqlite())
        {
            // NUMERIC affinity is SQLite's way to store a Client ID key as an integer; elsewhere a row key is plain text.
            modelBuilder.Entity<ImportRow>().Property(r => r.RowKey).HasColumnType("text");
        }
    }
}
