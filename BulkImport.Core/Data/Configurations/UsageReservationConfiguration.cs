using BulkImport.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

/// <summary>One reservation per import: a replay's run replaces the one of the run before.</summary>
internal sealed class UsageReservationConfiguration : IEntityTypeConfiguration<UsageReservation>
{
    public void Configure(EntityTypeBuilder<UsageReservation> builder)
    {
        builder.HasKey(r => r.ImportId);
        builder.Property(r => r.ImportId).ValueGeneratedNever();
    }
}
