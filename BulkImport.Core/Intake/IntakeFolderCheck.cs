using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BulkImport.Core.Intake;

/// <summary>
/// Whether a watched folder can be used, looked at before each use of it (SPEC 19): a folder that is missing, not
/// writable, of a domain not offered or of an owner who is not a user is not watched, and says why in the log (once per
/// change) and on <c>/health/ready</c> (<see cref="IntakeHealth"/>).
/// </summary>
internal sealed class IntakeFolderCheck(
    IDbContextFactory<BulkImportDbContext> dbFactory,
    ImportDomains domains,
    IntakeHealth health,
    ILogger logger)
{
    /// <summary>Why the folder cannot be used (null when it can); a change is logged once.</summary>
    public async Task<string?> CheckAsync(IntakeFolder folder, CancellationToken ct)
    {
        var problem = await ProblemOfAsync(folder, ct);
        var key = string.IsNullOrWhiteSpace(folder.Path) ? "(no path)" : folder.Path;
        if (health.Set(key, problem))
        {
            if (problem is null)
            {
                logger.LogInformation("Intake: {Folder} is watched again", key);
            }
            else
            {
                logger.LogError("Intake: {Folder} is not watched: {Problem}", key, problem);
            }
        }

        return problem;
    }

    private async Task<string?> ProblemOfAsync(IntakeFolder folder, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(folder.Path))
        {
            return "A folder of Intake:Folders has no Path. Give each folder the full path of a folder that exists.";
        }

        var root = FolderIntake.Root(folder);
        if (!Directory.Exists(root))
        {
            return File.Exists(root)
                ? $"{root} is a file, not a folder. Point Intake:Folders to a folder."
                : $"{root} does not exist. Create it (with write access for the app) or correct Intake:Folders.";
        }

        try
        {
            foreach (var sub in new[] { FolderIntake.Incoming, FolderIntake.Processing, FolderIntake.Processed, FolderIntake.Error })
            {
                Directory.CreateDirectory(Path.Combine(root, sub));
            }

            var probe = Path.Combine(root, FolderIntake.Processing, ".bulkimport-write-test");
            await File.WriteAllBytesAsync(probe, [], ct);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{root} is not writable ({e.Message}). Give the app write access to it and to incoming/, processing/, processed/ and error/.";
        }

        if (domains.Find(folder.Domain) is not { } domain || !domains.IsAvailable(domain))
        {
            return $"{root} imports {folder.Domain}, which this installation does not offer. Switch it on or change the folder's Domain.";
        }

        if (string.IsNullOrWhiteSpace(folder.Owner))
        {
            return $"{root} has no Owner. Set it to the e-mail of the user its imports are created as.";
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owner = folder.Owner.Trim().ToUpperInvariant();
        if (!await db.Users.AnyAsync(u => u.NormalizedUserName == owner || u.NormalizedEmail == owner, ct))
        {
            return $"The owner of {root}, {folder.Owner}, is not a user. Create the user or change the folder's Owner.";
        }

        return null;
    }
}
