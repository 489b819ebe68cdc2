namespace BulkImport.App.Security;

/// <summary>The first administrator (configuration section <c>Seed</c>; environment <c>Seed__AdminEmail</c>, <c>Seed__AdminPassword</c>).</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    public string AdminEmail { get; set; } = "admin@bulkimport.local";
    public string? AdminPassword { get; set; }
}
