using System.Security.Claims;
using BulkImport.Core.Imports;

namespace BulkImport.App.Security;

/// <summary>
/// Loads an import for a person and a need, or refuses: an import the person may not see does not exist for them
/// (404, so IDs cannot be probed); one they see but may not act on is a 403 with the reason. The pages act through the
/// <c>Current</c> methods, which read the user as they are now (<see cref="CurrentUsers"/>): a page keeps the user it was
/// opened with, who may have been disabled or lost a group since.
/// </summary>
public sealed class ImportGate(ImportHistory imports, CurrentUsers users)
{
    /// <summary>Checks <paramref name="need"/> for the user as they are now, not as the page was opened.</summary>
    public async Task<Import> CheckCurrentAsync(ClaimsPrincipal signedIn, int id, ImportNeed need, CancellationToken ct) =>
        await CheckAsync(await users.CurrentAsync(signedIn, ct), id, need, ct);

    /// <summary>Whether the user, as they are now, may create imports (Importer, Admin); their current principal.</summary>
    public async Task<ClaimsPrincipal> CheckMayImportCurrentAsync(ClaimsPrincipal signedIn, CancellationToken ct)
    {
        var user = await users.CurrentAsync(signedIn, ct);
        return ImportAccess.MayImport(user)
            ? user
            : throw new ImportProblem(StatusCodes.Status403Forbidden, "Not allowed", "Only importers and administrators can create imports. Ask an administrator if you need to.");
    }

    /// <summary>Whether the user, as they are now, may see import <paramref name="id"/> and reveal its masked values.</summary>
    public async Task<ClaimsPrincipal> CheckMayRevealCurrentAsync(ClaimsPrincipal signedIn, int id, CancellationToken ct)
    {
        var user = await users.CurrentAsync(signedIn, ct);
        await CheckAsync(user, id, ImportNeed.See, ct);
        return ImportAccess.MayRevealSsn(user)
            ? user
            : throw new ImportProblem(StatusCodes.Status403Forbidden, "Not allowed", "Only support staff and administrators can reveal a masked value.");
    }

    public async Task<Import> CheckAsync(ClaimsPrincipal user, int id, ImportNeed need, CancellationToken ct)
    {
        var import = await imports.GetAsync(id, ct);
        if (!ImportAccess.Allows(user, import, ImportNeed.See) && !(need == ImportNeed.Replay && ImportAccess.Allows(user, import, need)))
        {
            throw ImportProblem.NotFound($"Import {id} does not exist. Check the Import ID in Import History.");
        }

        if (!ImportAccess.Allows(user, import, need))
        {
            throw new ImportProblem(StatusCodes.Status403Forbidden, "Not allowed", need switch
            {
                ImportNeed.Change => $"Only the operator who created import {id} (or an administrator) can fix its rows or commit it.",
                ImportNeed.Cancel => $"Only the operator who created import {id}, a supervisor or an administrator can cancel it.",
                ImportNeed.Replay => "Only support staff or an administrator can replay an import.",
                ImportNeed.Undo => $"Only the operator who created import {id}, support staff or an administrator can undo it.",
                ImportNeed.DownloadResults => $"Only the operator who created import {id}, support staff or an administrator can download its results.",
                _ => $"You may not open import {id}.",
            });
        }

        return import;
    }
}
