using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Reports;

/// <summary>The three lists of the source article's File Submission page (SPEC section 18).</summary>
public enum SubmissionList
{
    /// <summary>"Incoming Files": every import not ended yet, Undoing included.</summary>
    Incoming,
    /// <summary>"Processed Files and Results": Committed, and Undone (marked so).</summary>
    Processed,
    /// <summary>"Errors Files and Results": ValidationFailed, CommitFailed, Cancelled, UndoFailed.</summary>
    Errors,
}

/// <summary>One line of a list: the import, and for a processed one how many rows it did not import and the seed's words for it.</summary>
public sealed record SubmissionLine(Import Import, int NotImported, string Marker);

/// <summary>The File Submission lists, newest first, a page at a time.</summary>
public sealed class SubmissionLists(IDbContextFactory<BulkImportDbContext> dbFactory)
{
    /// <summary>The seed's heading of each list.</summary>
    public static string Heading(SubmissionList list) => list switch
    {
        SubmissionList.Incoming => "Incoming Files",
        SubmissionList.Processed => "Processed Files and Results",
        _ => "Errors Files and Results",
    };

    public static SubmissionList Of(ImportStatus status) => status switch
    {
        // SPEC 18: an undo at work is still incoming work, a finished undo is processed (its marker says Undone), and an
        // undo that stopped needs a person like a failed commit. Undoing is not final, so it falls to Incoming below.
        ImportStatus.Committed or ImportStatus.Undone => SubmissionList.Processed,
        _ when status.IsFinal() => SubmissionList.Errors,
        _ => SubmissionList.Incoming,
    };

    /// <param name="createdBy">Only this user's imports (an Importer sees their own); null for everyone's.</param>
    public async Task<Page<SubmissionLine>> ListAsync(SubmissionList list, string? createdBy, PageRequest page, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var statuses = Enum.GetValues<ImportStatus>().Where(s => Of(s) == list).ToList();
        var query = db.Imports.AsNoTracking().Where(i => statuses.Contains(i.Status));
        if (createdBy is not null)
        {
            query = query.Where(i => i.CreatedBy == createdBy);
        }

        var total = await query.CountAsync(ct);
        var imports = await query.OrderByDescending(i => i.Id).Skip(page.Skip).Take(page.PageSize).ToListAsync(ct);
        var blank = list == SubmissionList.Processed && imports.Count > 0
            ? await ImportReports.BlankRowsAsync(db, [.. imports.Select(i => i.Id)], ct)
            : [];
        var lines = imports.ConvertAll(i =>
        {
            var notImported = ImportOutcomes.NotImported(i, blank.GetValueOrDefault(i.Id));
            return new SubmissionLine(i, notImported, Marker(i, notImported));
        });
        return new Page<SubmissionLine>(lines, page.Page, page.PageSize, total);
    }

    /// <summary>What a line says of its import: "Fully processed", "Partially processed: N rows skipped", or its status in words.</summary>
    public static string Marker(Import import, int notImported) =>
        import.Status == ImportStatus.Committed ? ImportOutcomes.ProcessedMarker(notImported) : import.Status.DisplayName();
}
