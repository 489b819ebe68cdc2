using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Mapping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class SavedMappingConfiguration : IEntityTypeConfiguration<SavedMapping>
{
    public void Configure(EntityTypeBuilder<SavedMapping> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Name).HasMaxLength(SavedMapping.NameMaxLength);
        builder.Property(m => m.NormalizedName).HasMaxLength(SavedMapping.NameMaxLength);
        builder.Property(m => m.Domain).HasConversion(d => d.Name, name => new Domain(name)).HasMaxLength(32);
        builder.Property(m => m.Columns).HasConversion(ColumnMappingJson.Converter, ColumnMappingJson.Comparer);
        builder.Property(m => m.CreatedBy).HasMaxLength(256);
        // A name is used once per domain, whatever its case: the index decides when two people save the same name at once.
        builder.HasIndex(m => new { m.Domain, m.NormalizedName }).IsUnique();
    }
}
