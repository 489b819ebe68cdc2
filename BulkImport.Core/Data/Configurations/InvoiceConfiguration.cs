using BulkImport.Core.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class InvoiceConfiguration : IEntityTypeConfiguration<Invoice>
{
    public void Configure(EntityTypeBuilder<Invoice> builder)
    {
        builder.HasKey(i => i.InvoiceId);
        builder.Property(i => i.Amount).HasPrecision(10, 2);
        builder.Property(i => i.Balance).HasPrecision(10, 2);
        builder.HasMany(i => i.Payments).WithOne().HasForeignKey(p => p.InvoiceId);
        builder.Property(i => i.Status).HasMaxLength(20);
    }
}
