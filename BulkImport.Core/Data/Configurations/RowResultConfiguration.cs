using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class RowResultConfiguration : IEntityTypeConfiguration<RowResult>
{
    public const string UniqueRowIndex = "IX_ImportRowResults_ImportId_RowNumber";

    public void Configure(EntityTypeBuilder<RowResult> builder)
    {
        builder.ToTable("ImportRowResults");
        // Clustered on (ImportId, Status, RowNumber), WITHOUT ROWID (see the RowResults migration): the commit appends at
        // the end of its status's run, and a grid page of Success or Failed rows walks that run with no other index.
        builder.HasKey(r => new { r.ImportId, r.Status, r.RowNumber });
        // One outcome per row: the key lets a row have both a Success and a Failed result, which a second committer on
        // the same file could write (issue 15). An index of its own (the migration UniqueRowResult), not a new key: the
        // commit keeps appending at the end of its status's run.
        builder.HasIndex(r => new { r.ImportId, r.RowNumber }).IsUnique().HasDatabaseName(UniqueRowIndex);
        // A template column's name; the longest is a few dozen characters.
        builder.Property(r => r.Column).HasMaxLength(64);
        builder.HasOne<Import>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
