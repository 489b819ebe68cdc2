using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports;

/// <summary>
/// A warning when the same bytes (SHA-256) were uploaded before and that import did or may still write records:
/// committed (the file was imported), partly committed (a replay, not a new import, continues it), or still open
/// (committing both would apply the rows twice). Imports that failed validation or were cancelled before writing
/// anything are not mentioned. The upload is not refused: an Update file may be applied again on purpose.
/// </summary>
public static class SameFileWarning
{
    private const string Imported = "This file was already ";
    private const string Open = "The same file was uploaded on ";

    /// <summary>Whether a file warning is this one: it speaks of committing, so it means nothing once the import was committed or ended.</summary>
    public static bool Is(string warning) => warning.StartsWith(Imported, StringComparison.Ordinal) || warning.StartsWith(Open, StringComparison.Ordinal);

    public static async Task<string?> FindAsync(BulkImportDbContext db, string sha256, CancellationToken ct)
    {
        var earlier = await db.Imports.AsNoTracking()
            .Where(i => i.FileSha256 == sha256 && i.Status != ImportStatus.ValidationFailed)
            .OrderByDescending(i => i.Id)
            .Select(i => new { i.Id, i.Status, i.CreatedAt, i.CompletedAt, i.ProcessedRows })
            .Take(50)
            .ToListAsync(ct);
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
}
