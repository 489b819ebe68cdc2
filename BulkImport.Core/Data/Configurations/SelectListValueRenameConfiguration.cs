using BulkImport.Core.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class SelectListValueRenameConfiguration : IEntityTypeConfiguration<SelectListValueRename>
{
    public void Configure(EntityTypeBuilder<SelectListValueRename> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Field).HasMaxLength(64);
        builder.Property(r => r.OldValue).HasMaxLength(200);
        builder.Property(r => r.NewValue).HasMaxLength(200);
        // A commit asks for the renames after its import was uploaded.
        builder.HasIndex(r => r.RenamedAt);
    }
}
