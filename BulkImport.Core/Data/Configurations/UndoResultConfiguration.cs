using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Undo;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class UndoResultConfiguration : IEntityTypeConfiguration<UndoResult>
{
    public void Configure(EntityTypeBuilder<UndoResult> builder)
    {
        builder.ToTable("ImportUndoResults");
        // One result per row: a batch replayed after a crash cannot undo a row twice (its insert fails, the batch rolls back).
        builder.HasKey(r => new { r.ImportId, r.RowNumber });
        builder.HasOne<Import>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
