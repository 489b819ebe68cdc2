using BulkImport.Core.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class SelectListValueConfiguration : IEntityTypeConfiguration<SelectListValue>
{
    public void Configure(EntityTypeBuilder<SelectListValue> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Field).HasMaxLength(64);
        builder.Property(v => v.Value).HasMaxLength(200);
        builder.HasIndex(v => new { v.Field, v.Value }).IsUnique();
    }
}
