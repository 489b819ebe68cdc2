using BulkImport.Core.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.HasKey(c => c.CourseId);
        builder.Property(c => c.CourseId).ValueGeneratedNever();
        builder.HasIndex(c => c.CourseCode).IsUnique();
        builder.Property(c => c.Fee).HasPrecision(10, 2);
        builder.HasMany(c => c.Sections).WithOne(s => s.Course).HasForeignKey(s => s.CourseId);
    }
}
