using System.Security.Claims;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;

namespace BulkImport.App.Security;

/// <summary>What a person needs to do with one import.</summary>
public enum ImportNeed
{
    /// <summary>Open it: its summary, rows, live progress.</summary>
    See,
    /// <summary>Fix or skip rows, confirm the commit.</summary>
    Change,
    Cancel,
    Replay,
    DownloadResults,
    /// <summary>Undo a committed or cancelled import (SPEC 21).</summary>
    Undo,
}

/// <summary>
/// The one table of who may do what with an import (issue 6): Importers their own; Supervisors see and cancel any;
/// Support see any, download any results and replay; Admin everything. Used by every endpoint, page and hub method.
/// </summary>
public static class ImportAccess
{
    public static bool SeesAll(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Support) || user.IsInRole(Roles.Admin);

    public static bool Owns(ClaimsPrincipal user, Import import) =>
        user.IsInRole(Roles.Importer) && string.Equals(import.CreatedBy, user.Identity?.Name, StringComparison.OrdinalIgnoreCase);

    public static bool Allows(ClaimsPrincipal user, Import import, ImportNeed need) => need switch
    {
        ImportNeed.See => SeesAll(user) || Owns(user, import),
        ImportNeed.Change => user.IsInRole(Roles.Admin) || Owns(user, import),
        ImportNeed.Cancel => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Supervisor) || Owns(user, import),
        ImportNeed.Replay => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Support),
        ImportNeed.DownloadResults => SeesAll(user) || Owns(user, import),
        ImportNeed.Undo => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Support) || Owns(user, import),
        _ => false,
    };

    /// <summary>Whether the user may create imports (the Import policy: Importer, Admin).</summary>
    public static bool MayImport(ClaimsPrincipal user) => user.IsInRole(Roles.Importer) || user.IsInRole(Roles.Admin);

    /// <summary>Whether the user may see full SSNs (one row at a time, recorded).</summary>
    public static bool MayRevealSsn(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Support);
}
