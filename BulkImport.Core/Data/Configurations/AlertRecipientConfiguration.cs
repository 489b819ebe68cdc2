using BulkImport.Core.Alerts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class AlertRecipientConfiguration : IEntityTypeConfiguration<AlertRecipient>
{
    public void Configure(EntityTypeBuilder<AlertRecipient> builder)
    {
        builder.ToTable("AlertRecipients");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Email).HasMaxLength(254);
        builder.HasIndex(r => r.Email).IsUnique();
        builder.Property(r => r.Domains)
            .HasConversion(v => RowJson.SerializeStrings(v), v => RowJson.DeserializeStrings(v),
                new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
    }
}
