using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Undo;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class BeforeImageConfiguration : IEntityTypeConfiguration<BeforeImage>
{
    public void Configure(EntityTypeBuilder<BeforeImage> builder)
    {
        builder.ToTable("ImportBeforeImages");
        // The commit appends in row order and the undo reads in row order: the key is the only index.
        builder.HasKey(b => new { b.ImportId, b.RowNumber });
        builder.HasOne<Import>().WithMany().HasForeignKey(b => b.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
