using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Undo;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class BeforeImageBatchConfiguration : IEntityTypeConfiguration<BeforeImageBatch>
{
    public void Configure(EntityTypeBuilder<BeforeImageBatch> builder)
    {
        builder.ToTable("ImportBeforeImageBatches");
        // The commit appends in row order and the undo reads the batches overlapping its rows in row order.
        builder.HasKey(b => new { b.ImportId, b.FirstRow });
        builder.HasOne<Import>().WithMany().HasForeignKey(b => b.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
