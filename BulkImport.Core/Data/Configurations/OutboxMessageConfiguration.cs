using BulkImport.Core.Alerts;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.EndingStatus).HasMaxLength(32);
        builder.Property(m => m.To).HasMaxLength(254);
        builder.Property(m => m.MessageId).HasMaxLength(200);
        // One message per import, ending and recipient: a second write of the same ending fails instead of mailing twice.
        builder.HasIndex(m => m.MessageId).IsUnique();
        // The sender's question: which pending messages are due.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => new { m.ImportId, m.Ending });
        builder.HasOne<Import>().WithMany().HasForeignKey(m => m.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
