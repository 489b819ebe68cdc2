namespace BulkImport.App.Security;

/// <summary>The first administrator (configuration section <c>Seed</c>; environment <c>Seed__AdminEmail</c>, <c>Seed__AdminPassword</c>).</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    public string AdminEmail { get; set; } = "admin@bulkimport.local";
    public string? AdminPassword { get; set; }

    /// <summary>
    /// Outside Development, disables at start every demo account that still has its published password (README), instead
    /// of refusing to start: the way out for a database that was first run in Development.
    /// </summary>
    public bool DisableDemoUsers { get; set; }
}
