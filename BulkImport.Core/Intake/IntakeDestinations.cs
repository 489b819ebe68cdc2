using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Intake;

/// <summary>
/// Where a file of a watched folder goes as it leaves processing/ (SPEC 19): decided and saved on its record
/// (<see cref="IntakeFile.Destination"/>) before anything is written or moved, so a stop in between ends at the same place.
/// </summary>
internal static class IntakeDestinations
{
    /// <summary>
    /// <paramref name="name"/> in <paramref name="sub"/> (processed/ or error/), relative to <paramref name="folder"/>,
    /// made unique there against the files on disk and the destinations other records have saved but not reached yet
    /// (another file's finish or refusal a stop interrupted).
    /// </summary>
    public static async Task<string> UniqueAsync(BulkImportDbContext db, string folder, string sub, string name, int ownId, CancellationToken ct)
    {
        var reserved = await db.Set<IntakeFile>()
            .Where(f => f.Folder == folder && f.Id != ownId && f.Destination != null)
            .Select(f => f.Destination!).ToListAsync(ct);
        var taken = reserved.Where(d => Path.GetDirectoryName(d) == sub).Select(Path.GetFileName).OfType<string>().ToHashSet();
        return Path.Combine(sub, Path.GetFileName(IntakeDisk.UniquePath(Path.Combine(folder, sub), name, taken)));
    }
}
