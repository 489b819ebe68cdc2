using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class ImportRowConfiguration : IEntityTypeConfiguration<ImportRow>
{
    public void Configure(EntityTypeBuilder<ImportRow> builder)
    {
        builder.HasKey(r => new { r.ImportId, r.RowNumber });
        // The commit's outcome is kept in ImportRowResults and applied when a row is read (ImportRow.Apply).
        builder.Ignore(r => r.RecordId);
        builder.Ignore(r => r.InvoiceId);
        builder.HasOne<Import>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
        // The grid filters by status and pages by row number; the key rules look rows up by key.
        builder.HasIndex(r => new { r.ImportId, r.Status, r.RowNumber });
        // Partial: most rows of an Add have no key, and indexing their NULLs cost a write per staged row for nothing.
        builder.HasIndex(r => new { r.ImportId, r.RowKey }).HasFilter("\"RowKey\" IS NOT NULL");
        builder.Property(r => r.Values)
            .HasConversion(v => RowJson.SerializeValues(v), v => RowJson.DeserializeValues(v),
                new ValueComparer<string?[]>((a, b) => a!.SequenceEqual(b!), v => v.Length, v => v.ToArray()));
        builder.Property(r => r.Messages)
            .HasConversion(v => RowJson.SerializeMessages(v), v => RowJson.DeserializeMessages(v),
                new ValueComparer<List<RowMessage>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
    }
}
