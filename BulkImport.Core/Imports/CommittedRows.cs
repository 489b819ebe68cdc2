using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports;

/// <summary>
/// Reads the commit's outcomes (<see cref="RowResult"/>) alongside the staged rows. The commit takes the Valid rows in row
/// order, a batch per transaction, so the committed rows are always the Valid rows up to the last row with a result
/// (<see cref="ThroughAsync"/>), and the rows still waiting are the Valid rows after it.
/// </summary>
public static class CommittedRows
{
    /// <summary>The last row number that has a result (0 when none has): two seeks, one per status.</summary>
    public static async Task<int> ThroughAsync(BulkImportDbContext db, int importId, CancellationToken ct)
    {
        var success = await LastAsync(db, importId, RowStatus.Success, ct);
        var failed = await LastAsync(db, importId, RowStatus.Failed, ct);
        return Math.Max(success, failed);
    }

    private static async Task<int> LastAsync(BulkImportDbContext db, int importId, RowStatus status, CancellationToken ct) =>
        await db.RowResults.Where(r => r.ImportId == importId && r.Status == status).MaxAsync(r => (int?)r.RowNumber, ct) ?? 0;

    /// <summary>The rows of an import still waiting to be committed.</summary>
    public static IQueryable<ImportRow> Waiting(BulkImportDbContext db, int importId, int through) =>
        db.ImportRows.Where(r => r.ImportId == importId && r.Status == RowStatus.Valid && r.RowNumber > through);

    /// <summary>Applies their results to those of <paramref name="rows"/> that were committed (one query over their row range).</summary>
    public static async Task ApplyAsync(BulkImportDbContext db, int importId, IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        var valid = rows.Where(r => r.Status == RowStatus.Valid).ToList();
        if (valid.Count == 0)
        {
            return;
        }

        var first = valid.Min(r => r.RowNumber);
        var last = valid.Max(r => r.RowNumber);
        var results = await db.RowResults.AsNoTracking()
            .Where(r => r.ImportId == importId && (r.Status == RowStatus.Success || r.Status == RowStatus.Failed) && r.RowNumber >= first && r.RowNumber <= last)
            .ToDictionaryAsync(r => r.RowNumber, ct);
        foreach (var row in valid)
        {
            if (results.TryGetValue(row.RowNumber, out var result))
            {
                row.Apply(result);
            }
        }
    }

    /// <summary>The staged rows of <paramref name="results"/>, in their order, each showing its result; each is handed to <paramref name="read"/> as it arrives.</summary>
    public static async Task<List<ImportRow>> RowsOfAsync(BulkImportDbContext db, int importId, IReadOnlyList<RowResult> results, CancellationToken ct,
        Action<ImportRow>? read = null)
    {
        var numbers = results.Select(r => r.RowNumber).ToList();
        var rows = new Dictionary<int, ImportRow>(numbers.Count);
        await foreach (var staged in db.ImportRows.AsNoTracking()
            .Where(r => r.ImportId == importId && numbers.Contains(r.RowNumber)).AsAsyncEnumerable().WithCancellation(ct))
        {
            read?.Invoke(staged);
            rows.Add(staged.RowNumber, staged);
        }

        var shown = new List<ImportRow>(results.Count);
        foreach (var result in results)
        {
            // A result always has its staged row (both go only with their import).
            var row = rows[result.RowNumber];
            row.Apply(result);
            shown.Add(row);
        }

        return shown;
    }
}
