namespace BulkImport.Core.Usage;

/// <summary>Licensed usage limits: rows committed (inserted + updated) by the whole installation (configuration section <c>Usage</c>).</summary>
public sealed class UsageOptions
{
    public const string Section = "Usage";

    public int RowsPerDay { get; set; } = 1_000_000;
    public int RowsPerWeek { get; set; } = 5_000_000;
    public int RowsPerMonth { get; set; } = 20_000_000;
}
