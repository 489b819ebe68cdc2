using System.Security.Claims;
using BulkImport.Core.Imports;

namespace BulkImport.App.Security;

/// <summary>
/// Loads an import for a person and a need, or refuses: an import the person may not see does not exist for them
/// (404, so IDs cannot be probed); one they see but may not act on is a 403 with the reason.
/// </summary>
public sealed class ImportGate(ImportHistory imports)
{
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
                ImportNeed.DownloadResults => $"Only the operator who created import {id}, support staff or an administrator can download its results.",
                _ => $"You may not open import {id}.",
            });
        }

        return import;
    }
}
