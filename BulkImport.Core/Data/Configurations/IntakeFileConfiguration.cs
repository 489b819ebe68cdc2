using BulkImport.Core.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class IntakeFileConfiguration : IEntityTypeConfiguration<IntakeFile>
{
    public void Configure(EntityTypeBuilder<IntakeFile> builder)
    {
        builder.ToTable("IntakeFiles");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        // "Was this file (name and content) imported from this folder before?"
        builder.HasIndex(f => new { f.Folder, f.FileName, f.Sha256 });
        builder.HasIndex(f => new { f.State, f.Folder });
        builder.HasIndex(f => f.ImportId);
    }
}
