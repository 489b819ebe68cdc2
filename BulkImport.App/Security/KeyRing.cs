using BulkImport.Core.Data;
using Microsoft.AspNetCore.DataProtection;

namespace BulkImport.App.Security;

/// <summary>
/// The data-protection keys that sign the sign-in cookie, bearer and refresh tokens and antiforgery tokens live in the
/// product's database (SPEC 22): by default they are files in the user profile, which a container restart loses (everyone
/// signed out, every token refused) and another instance never sees.
/// </summary>
public static class KeyRing
{
    /// <summary>
    /// The keys' purpose is scoped by this name, not by the content root path (the default), so instances installed in
    /// different folders read each other's cookies and tokens.
    /// </summary>
    public const string ApplicationName = "BulkImport";

    public static IServiceCollection AddBulkImportKeyRing(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<BulkImportDbContext>();
        return services;
    }
}
