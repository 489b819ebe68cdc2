using System.Text.Json;
using System.Text.Json.Serialization;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Discrepancies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BulkImport.Core.Data.Configurations;

internal sealed class DiscrepancyConfiguration : IEntityTypeConfiguration<Discrepancy>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The stored form of <see cref="Discrepancy.Rules"/>, for the check's bulk insert (<see cref="DiscrepancyInserts"/>).</summary>
    internal static string RulesText(List<DuplicateRule> rules) => string.Join(",", rules);

    /// <summary>The stored form of <see cref="Discrepancy.Candidates"/>.</summary>
    internal static string CandidatesText(List<DiscrepancyCandidate> candidates) => JsonSerializer.Serialize(candidates, Json);

    /// <summary>The stored form of <see cref="Discrepancy.Candidates"/> as UTF-8, for the check's bulk insert.</summary>
    internal static byte[] CandidatesUtf8(List<DiscrepancyCandidate> candidates) => JsonSerializer.SerializeToUtf8Bytes(candidates, Json);

    public void Configure(EntityTypeBuilder<Discrepancy> builder)
    {
        builder.ToTable("ImportDiscrepancies");
        builder.HasKey(d => new { d.ImportId, d.RowNumber });
        builder.HasOne<Import>().WithMany().HasForeignKey(d => d.ImportId).OnDelete(DeleteBehavior.Cascade);
        // "View Discrepancies" pages the unresolved (or resolved) ones in row order.
        builder.HasIndex(d => new { d.ImportId, d.Resolution, d.RowNumber });
        builder.Ignore(d => d.IsResolved);
        builder.Property(d => d.Reason).HasMaxLength(2000);
        builder.Property(d => d.Resolution).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.ResolvedBy).HasMaxLength(256);
        builder.Property(d => d.Rules).HasConversion(
            v => RulesText(v),
            v => v.Length == 0 ? new List<DuplicateRule>() : v.Split(',', StringSplitOptions.None).Select(Enum.Parse<DuplicateRule>).ToList(),
            new ValueComparer<List<DuplicateRule>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
        builder.Property(d => d.Candidates).HasConversion(
            v => CandidatesText(v),
            v => JsonSerializer.Deserialize<List<DiscrepancyCandidate>>(v, Json) ?? new List<DiscrepancyCandidate>(),
            new ValueComparer<List<DiscrepancyCandidate>>((a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json), v => v.Count, v => v.ToList()));
    }
}
