using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

/// <summary>The column mapping properties of an import (SPEC 16), kept apart from <see cref="ImportConfiguration"/> as their feature is.</summary>
internal sealed class ImportMappingConfiguration : IEntityTypeConfiguration<Import>
{
    public void Configure(EntityTypeBuilder<Import> builder)
    {
        builder.Property(i => i.ColumnMapping).HasConversion(ColumnMappingJson.Converter!, ColumnMappingJson.Comparer!);
        builder.Property(i => i.MappingName).HasMaxLength(Imports.Mapping.SavedMapping.NameMaxLength);
        builder.Property(i => i.MappingReason).HasConversion<string>().HasMaxLength(32);
    }
}
