using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class ImportConfiguration : IEntityTypeConfiguration<Import>
{
    public void Configure(EntityTypeBuilder<Import> builder)
    {
        builder.HasKey(i => i.Id);
        // The domain's key, as the enum it replaced stored it: "Client", "ClientAssignment", "Payment".
        builder.Property(i => i.Domain).HasConversion(d => d.Name, name => new Domain(name)).HasMaxLength(32);
        builder.Property(i => i.Operation).HasConversion<string>().HasMaxLength(16);
        // The concurrency token of every save of an import: a status change decided on a status that changed meanwhile
        // is refused (ImportChanges), never written over the other one.
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(32).IsConcurrencyToken();
        builder.Property(i => i.FileName).HasMaxLength(260);
        builder.Property(i => i.StoredFileName).HasMaxLength(64);
        builder.Property(i => i.CreatedBy).HasMaxLength(256);
        builder.Property(i => i.Sheet).HasMaxLength(256);
        builder.HasIndex(i => i.CreatedAt);
        builder.HasIndex(i => i.Status);
        var comparer = new ValueComparer<List<string>>(
            (a, b) => a!.SequenceEqual(b!),
            v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode())),
            v => v.ToList());
        foreach (var property in new[] { nameof(Import.PresentColumns), nameof(Import.FileErrors), nameof(Import.FileWarnings), nameof(Import.Sheets) })
        {
            builder.Property<List<string>>(property)
                .HasConversion(v => RowJson.SerializeStrings(v), v => RowJson.DeserializeStrings(v), comparer);
        }
    }
}
