using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports;

/// <summary>
/// A warning when the same bytes (SHA-256) were uploaded before and that import did or may still write records:
/// committed (the file was imported), partly committed (a replay, not a new import, continues it), or still open
/// (committing both would apply the rows twice). Imports that failed validation or were cancelled before writing
/// anything are not mentioned. The upload is not refused: an Update file may be applied again on purpose.
/// The warning is worked out when the import is read, from the earlier imports' statuses then, never stored: stored at
/// upload it went on saying "which is Validating" of an import committed or cancelled since.
/// </summary>
public static class SameFileWarning
{
    private const string Imported = "This file was already ";
    private const string Open = "The same file was uploaded on ";
    private static readonly ImportStatus[] StillOpen = [.. Enum.GetValues<ImportStatus>().Where(s => s.IsInProgress())];

    /// <summary>Whether a file warning is this one (older versions stored it among the file's warnings; readers drop those).</summary>
    public static bool Is(string warning) => warning.StartsWith(Imported, StringComparison.Ordinal) || warning.StartsWith(Open, StringComparison.Ordinal);

    /// <summary>
    /// Whether the warning means anything for an import of this status: it speaks of committing, so only while the file
    /// is read or its rows reviewed; once the commit is queued or the import ended, it is not shown.
    /// </summary>
    public static bool Applies(ImportStatus status) => status == ImportStatus.Validating || status.AllowsRowChanges();

    /// <summary>The file warnings an operator reads: the stored ones, less a same-file warning stored by older versions, then the current one.</summary>
    public static IReadOnlyList<string> Shown(IReadOnlyList<string> stored, string? sameFile)
    {
        var shown = stored.Where(w => !Is(w)).ToList();
        if (sameFile is not null)
        {
            shown.Insert(0, sameFile);
        }

        return shown;
    }

    /// <summary>
    /// The current warning of each import that has one, by Import ID, in one query for all of them (a page of the
    /// history reads them at once). Only imports the warning <see cref="Applies"/> to are looked up.
    /// </summary>
    public static async Task<Dictionary<int, string>> FindAsync(BulkImportDbContext db, IReadOnlyCollection<Import> imports, CancellationToken ct)
    {
        var open = imports.Where(i => i.FileSha256 is not null && Applies(i.Status)).ToList();
        var warnings = new Dictionary<int, string>();
        if (open.Count == 0)
        {
            return warnings;
        }

        var hashes = open.Select(i => i.FileSha256!).Distinct().ToList();
        var latest = open.Max(i => i.Id);
        // Only the imports a warning can name: committed, partly committed, or still open. A file committed every day
        // for years is a few hundred small rows here; the import's own row and later ones are left out by ID below.
        var earlier = await db.Imports.AsNoTracking()
            .Where(i => i.FileSha256 != null && hashes.Contains(i.FileSha256) && i.Id < latest
                && (i.Status == ImportStatus.Committed || StillOpen.Contains(i.Status)
                    || ((i.Status == ImportStatus.CommitFailed || i.Status == ImportStatus.Cancelled) && i.ProcessedRows > 0)))
            .OrderByDescending(i => i.Id)
            .Select(i => new Earlier(i.Id, i.FileSha256!, i.Status, i.CreatedAt, i.CompletedAt, i.ProcessedRows))
            .ToListAsync(ct);
        foreach (var import in open)
        {
            if (For(earlier.Where(e => e.Id < import.Id && e.Sha256 == import.FileSha256).ToList()) is { } warning)
            {
                warnings[import.Id] = warning;
            }
        }

        return warnings;
    }

    /// <summary>The warning for one import, or null (see <see cref="FindAsync(BulkImportDbContext, IReadOnlyCollection{Import}, CancellationToken)"/>).</summary>
    public static async Task<string?> FindAsync(BulkImportDbContext db, Import import, CancellationToken ct) =>
        (await FindAsync(db, [import], ct)).GetValueOrDefault(import.Id);

    /// <summary>The warning from the earlier uploads of the same bytes, the latest first: a commit says most, then a partial one, then an open import.</summary>
    private static string? For(List<Earlier> earlier)
    {
        if (earlier.Find(i => i.Status == ImportStatus.Committed) is { } committed)
        {
            return $"{Imported}imported on {committed.CompletedAt:yyyy-MM-dd HH:mm} UTC as import #{committed.Id}. Importing it again applies its rows again.";
        }

        if (earlier.Find(i => i.Status is ImportStatus.CommitFailed or ImportStatus.Cancelled && i.ProcessedRows > 0) is { } partly)
        {
            return $"{Imported}partly imported on {partly.CreatedAt:yyyy-MM-dd HH:mm} UTC as import #{partly.Id} ({partly.Status.DisplayName()}). "
                + $"To finish it, replay import #{partly.Id} instead of importing the file again.";
        }

        if (earlier.Find(i => i.Status.IsInProgress()) is { } open)
        {
            return $"{Open}{open.CreatedAt:yyyy-MM-dd HH:mm} UTC as import #{open.Id}, which is {open.Status.DisplayName()}. "
                + "Committing both would apply its rows twice: cancel one of them.";
        }

        return null;
    }

    private sealed record Earlier(int Id, string Sha256, ImportStatus Status, DateTime CreatedAt, DateTime? CompletedAt, int ProcessedRows);
}
