using BulkImport.Core.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> builder)
    {
        builder.HasKey(c => c.ClientId);
        builder.Property(c => c.FirstName).HasMaxLength(ClientLimits.NameMaxLength);
        builder.Property(c => c.LastName).HasMaxLength(ClientLimits.NameMaxLength);
        builder.Property(c => c.Email).HasMaxLength(ClientLimits.EmailMaxLength);
        builder.Property(c => c.Address).HasMaxLength(ClientLimits.AddressMaxLength);
        builder.Property(c => c.City).HasMaxLength(ClientLimits.CityMaxLength);
        // No index on names or e-mail: search is a substring match no index serves, and each index made every
        // imported client cost a random B-tree insert (issue 7 measured the commit at a third slower with them).
        builder.HasMany(c => c.Assignments).WithOne().HasForeignKey(a => a.ClientId);
    }
}
