using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class ImportRowConfiguration : IEntityTypeConfiguration<ImportRow>
{
    public const string NotValidIndex = "IX_ImportRows_NotValid";

    /// <summary>A query uses the partial index only when its WHERE has this term as written: <c>Status != RowStatus.Valid</c> in LINQ.</summary>
    internal const string NotValidFilter = "\"Status\" <> 0";

    public void Configure(EntityTypeBuilder<ImportRow> builder)
    {
        builder.HasKey(r => new { r.ImportId, r.RowNumber });
        // The commit's outcome is kept in ImportRowResults and applied when a row is read (ImportRow.Apply).
        builder.Ignore(r => r.RecordId);
        builder.Ignore(r => r.InvoiceId);
        builder.HasOne<Import>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
        // The rows that are not Valid (Error, Skipped; a few in most files), in row order: the grid pages the Error and
        // Skipped filters through it and finds a page of Valid rows around them (RowPageLocator). Valid rows, most of a
        // file, are left out: an entry each cost the staging about a tenth of its writes. The skip flag is in it so View
        // Results (Error rows and rows a person skipped, not blank rows) is read from the index alone: without it each
        // not-Valid row was looked up in the table, and SQLite chose to walk every row of the import instead (0.7-1.0 s a
        // page at 50,000 such rows in a million; migration NotValidIndexWithSkipFlag).
        builder.HasIndex(r => new { r.ImportId, r.RowNumber, r.Status, r.SkippedByOperator }).HasFilter(NotValidFilter).HasDatabaseName(NotValidIndex);
        // Partial: most rows of an Add have no key, and indexing their NULLs cost a write per staged row for nothing.
        builder.HasIndex(r => new { r.ImportId, r.RowKey }).HasFilter("\"RowKey\" IS NOT NULL");
        // NUMERIC affinity: a key that is a whole number (a Client ID) is stored and indexed as an integer, any other
        // (the assignment triple "3|101|1001") as text. Integer entries cost the staging writer about 1 s less per
        // million keyed rows than text ones; reading one back gives its digits, and a lookup by text finds it.
        builder.Property(r => r.RowKey).HasColumnType("NUMERIC");
        builder.Property(r => r.Values)
            .HasConversion(v => RowJson.SerializeValues(v), v => RowJson.DeserializeValues(v),
                new ValueComparer<string?[]>((a, b) => a!.SequenceEqual(b!), v => v.Length, v => v.ToArray()));
        builder.Property(r => r.Messages)
            .HasConversion(v => RowJson.SerializeMessages(v), v => RowJson.DeserializeMessages(v),
                new ValueComparer<List<RowMessage>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
    }
}
