namespace BulkImport.Core.Security;

/// <summary>The permission groups of SPEC section 1. A user may hold several.</summary>
public static class Roles
{
    public const string Importer = "Importer";
    public const string Supervisor = "Supervisor";
    public const string Support = "Support";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Importer, Supervisor, Support, Admin];
}
