using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Results;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Reports;

/// <summary>
/// View Results (SPEC section 18): the rows an import did not import, with why. They are the Error rows, the rows a
/// person skipped, the rows that failed in the commit and, once a commit stopped or was cancelled, the Valid rows it
/// never reached; blank rows are not among them.
/// </summary>
public sealed class ImportReports(IDbContextFactory<BulkImportDbContext> dbFactory)
{
    public async Task<ImportReport> GetAsync(int id, PageRequest page, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var snapshot = await ReadSnapshot.BeginAsync(db, ct);
        var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw ImportProblem.NotFound($"Import {id} does not exist. Check the Import ID in Import History.");
        var blank = await BlankRowsAsync(db, id, ct);
        var query = await NotImportedQueryAsync(db, import, notReached: true, ct);
        int? foundSoFar = import.Status.IsFinal() ? null : await query.CountAsync(ct);
        // Before its commit ends an import has not imported nothing yet: it counts the rows it lists, those found not to
        // be imported so far (error and skipped rows), not every row still waiting for the commit (an outside audit
        // found notImported 2 beside an empty list during review).
        var notImported = CommitEnding.Of(import).IsFinal() ? ImportOutcomes.NotImported(import, blank) : foundSoFar!.Value;
        var listed = foundSoFar ?? notImported;
        // Counted (in the indexes) to page from the nearer end; not when the rows a stopped commit never reached are among
        // them: counting those reads each, and a page near the start does not need them all.
        var count = foundSoFar ?? (CommitEnding.Of(import) is ImportStatus.CommitFailed or ImportStatus.Cancelled ? null : await query.CountAsync(ct));
        var rows = await NotImportedRowsAsync(db, import, query, page.Skip, page.PageSize, count, ct);
        return new ImportReport(import, ImportOutcomes.Of(import, notImported), ImportOutcomes.Summary(import, notImported),
            new ReportCounts(import.TotalRows, import.Inserted, import.Updated, notImported, blank), ReportUndo.Of(import),
            import.FileErrors, ImportOutcomes.FailureReason(import), new Page<ImportRow>(rows, page.Page, page.PageSize, listed));
    }

    /// <summary>
    /// Blank rows of an import: what a screen needs besides the import's counters to say how many rows were not imported
    /// (<see cref="ImportOutcomes.NotImported"/>) exactly as View Results does.
    /// </summary>
    public async Task<int> BlankRowsAsync(int importId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await BlankRowsAsync(db, importId, ct);
    }

    /// <summary>Blank rows of an import (Skipped, not by a person), counted in the index of the rows that are not Valid.</summary>
    public static Task<int> BlankRowsAsync(BulkImportDbContext db, int importId, CancellationToken ct) => BlankRows(db, importId).CountAsync(ct);

    /// <summary>Blank rows of an import, from the index of the rows that are not Valid alone (it holds the skip flag).</summary>
    internal static IQueryable<ImportRow> BlankRows(BulkImportDbContext db, int importId) =>
        db.ImportRows.Where(r => r.ImportId == importId && r.Status != RowStatus.Valid && r.Status == RowStatus.Skipped && !r.SkippedByOperator);

    /// <summary>Blank rows of several imports at once (a page of a list).</summary>
    public static async Task<Dictionary<int, int>> BlankRowsAsync(BulkImportDbContext db, IReadOnlyCollection<int> importIds, CancellationToken ct) =>
        await db.ImportRows
            .Where(r => importIds.Contains(r.ImportId) && r.Status != RowStatus.Valid && r.Status == RowStatus.Skipped && !r.SkippedByOperator)
            .GroupBy(r => r.ImportId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    /// <summary>
    /// Rows <paramref name="skip"/> to <paramref name="skip"/> + <paramref name="take"/> of those not imported, in row order,
    /// each with its status and messages (a row the commit never reached says so).
    /// </summary>
    /// <param name="notReached">
    /// Whether the Valid rows the commit never reached are among them; without, a caller lists them as one line
    /// (<see cref="NotReachedAsync"/>).
    /// </param>
    public static async Task<List<ImportRow>> NotImportedRowsAsync(BulkImportDbContext db, Import import, int skip, int take, CancellationToken ct, bool notReached = true) =>
        await NotImportedRowsAsync(db, import, await NotImportedQueryAsync(db, import, notReached, ct), skip, take, total: null, ct);

    /// <param name="total">
    /// How many rows <paramref name="query"/> has, when known: a page nearer the last row is then counted from the end (in
    /// descending order), so the last page costs what the first does; the middle one walks half of the index entries.
    /// </param>
    private static async Task<List<ImportRow>> NotImportedRowsAsync(BulkImportDbContext db, Import import, IQueryable<int> query, int skip, int take, int? total,
        CancellationToken ct)
    {
        List<int> numbers;
        if (total is { } count && skip < count && count - skip - Math.Min(take, count - skip) < skip)
        {
            take = Math.Min(take, count - skip);
            numbers = await query.OrderByDescending(n => n).Skip(count - skip - take).Take(take).ToListAsync(ct);
        }
        else
        {
            numbers = await query.OrderBy(n => n).Skip(skip).Take(take).ToListAsync(ct);
        }

        if (numbers.Count == 0)
        {
            return [];
        }

        var rows = await db.ImportRows.AsNoTracking()
            .Where(r => r.ImportId == import.Id && numbers.Contains(r.RowNumber))
            .OrderBy(r => r.RowNumber)
            .ToListAsync(ct);
        await CommittedRows.ApplyAsync(db, import.Id, rows, ct);
        foreach (var row in rows.Where(r => r.Status == RowStatus.Valid))
        {
            row.Messages = [new RowMessage(null, NotReachedRows.Message(import), NotReachedRows.Code)];
        }

        return rows;
    }

    /// <summary>The Valid rows a stopped or cancelled commit never reached (null when there are none), counted in the database.</summary>
    public static async Task<NotReachedRange?> NotReachedAsync(BulkImportDbContext db, Import import, CancellationToken ct)
    {
        if (CommitEnding.Of(import) is not (ImportStatus.CommitFailed or ImportStatus.Cancelled))
        {
            return null;
        }

        var through = await CommittedRows.ThroughAsync(db, import.Id, ct);
        var range = await CommittedRows.Waiting(db, import.Id, through)
            .GroupBy(r => r.ImportId)
            .Select(g => new NotReachedRange(g.Count(), g.Min(r => r.RowNumber), g.Max(r => r.RowNumber)))
            .FirstOrDefaultAsync(ct);
        return range;
    }

    /// <summary>
    /// The row numbers not imported, as one query (a union of the three sources, each read through an index): on SQLite a
    /// merge of the sources in row order, the staged rows' part from the not-Valid index alone (it holds the skip flag).
    /// </summary>
    internal static async Task<IQueryable<int>> NotImportedQueryAsync(BulkImportDbContext db, Import import, bool notReached, CancellationToken ct)
    {
        var id = import.Id;
        // "Status != Valid" as the partial index states it, so the index serves the filter.
        var numbers = db.ImportRows
            .Where(r => r.ImportId == id && r.Status != RowStatus.Valid && (r.Status == RowStatus.Error || r.SkippedByOperator))
            .Select(r => r.RowNumber)
            .Concat(db.RowResults.Where(r => r.ImportId == id && r.Status == RowStatus.Failed).Select(r => r.RowNumber));
        // An undone import lists what its commit left too: the report says what the file did (CommitEnding).
        if (notReached && CommitEnding.Of(import) is ImportStatus.CommitFailed or ImportStatus.Cancelled)
        {
            var through = await CommittedRows.ThroughAsync(db, id, ct);
            numbers = numbers.Concat(CommittedRows.Waiting(db, id, through).Select(r => r.RowNumber));
        }

        return numbers;
    }
}
