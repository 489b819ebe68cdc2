using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class RowResultConfiguration : IEntityTypeConfiguration<RowResult>
{
    public void Configure(EntityTypeBuilder<RowResult> builder)
    {
        builder.ToTable("ImportRowResults");
        // Clustered on (ImportId, Status, RowNumber), WITHOUT ROWID (see the RowResults migration): the commit appends at
        // the end of its status's run, and a grid page of Success or Failed rows walks that run with no other index.
        builder.HasKey(r => new { r.ImportId, r.Status, r.RowNumber });
        builder.HasOne<Import>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
