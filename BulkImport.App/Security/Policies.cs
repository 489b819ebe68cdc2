namespace BulkImport.App.Security;

/// <summary>Authorization policies: who may do what (SPEC section 1, issue 6).</summary>
public static class Policies
{
    /// <summary>Signed in and in at least one permission group (also the default and the fallback policy).</summary>
    public const string SignedIn = "SignedIn";
    /// <summary>Create imports, fix, commit and cancel their own (Importer, Admin).</summary>
    public const string Import = "Import";
    /// <summary>See every import and its live progress (Supervisor, Support, Admin).</summary>
    public const string WatchAll = "WatchAll";
    /// <summary>Replay failed or cancelled imports (Support, Admin).</summary>
    public const string Replay = "Replay";
    public const string Admin = "Admin";
}
