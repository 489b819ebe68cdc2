using BulkImport.Core.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class ClientAssignmentConfiguration : IEntityTypeConfiguration<ClientAssignment>
{
    public void Configure(EntityTypeBuilder<ClientAssignment> builder)
    {
        builder.HasKey(a => a.AssignmentId);
        builder.HasIndex(a => new { a.ClientId, a.CourseId, a.SectionId }).IsUnique();
        builder.HasIndex(a => a.CourseId);
        builder.HasOne<Course>().WithMany().HasForeignKey(a => a.CourseId);
        builder.HasOne<Section>().WithMany().HasForeignKey(a => a.SectionId);
        builder.HasMany(a => a.Invoices).WithOne().HasForeignKey(i => i.AssignmentId);
    }
}
