using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Fixes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class ProblemGroupCountConfiguration : IEntityTypeConfiguration<ProblemGroupCount>
{
    public void Configure(EntityTypeBuilder<ProblemGroupCount> builder)
    {
        builder.ToTable("ImportProblemGroups");
        // The key is what the counts are added to (ProblemGroupCounts' upsert): column, rule and folded value.
        builder.HasKey(g => new { g.ImportId, g.Column, g.Rule, g.ValueKey });
        builder.HasOne<Import>().WithMany().HasForeignKey(g => g.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
