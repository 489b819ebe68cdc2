using BulkImport.Core.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.HasKey(p => p.PaymentId);
        builder.Property(p => p.Amount).HasPrecision(10, 2);
        builder.Property(p => p.Method).HasMaxLength(200);
        builder.Property(p => p.Reference).HasMaxLength(50);
        builder.HasIndex(p => p.InvoiceId);
        builder.HasIndex(p => p.CreatedByImportId);
    }
}
