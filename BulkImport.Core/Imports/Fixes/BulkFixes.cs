using BulkImport.Core.Csv;
using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Domains.Common;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Imports.Discrepancies;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Fixes;

/// <summary>
/// Changes many rows of an import in review at once (SPEC 20): a find and replace on a column, or a skip of many rows,
/// each revalidated with the rows sharing their keys (<see cref="RowBatchRevision"/>).
/// </summary>
/// <remarks>
/// The work goes in batches of <see cref="RowsPerBatch"/> rows, each one transaction that holds the database's write lock
/// from its start, reads the import's status and the rows under it, and saves the counts relative to the database's
/// (<see cref="ImportCounters"/>), exactly as a single edit does (<see cref="RowEdits"/>). So a replace and an edit of the
/// same row are ordered: the edit first, and the replace sees the edited cell (and leaves it when it no longer matches);
/// or the replace first, and the edit changes the replaced row. A Confirm between two batches stops the replace there:
/// the batches before it stay, and the answer is 409 (docs/decisions.md, "Bulk fixes").
/// </remarks>
public sealed class BulkFixes(IDbContextFactory<BulkImportDbContext> dbFactory, ImportDomains domains, RowBatchRevision revision)
{
    public const int RowsPerBatch = 5000;

    /// <summary>Replaces <see cref="FindReplace.Find"/> in a column of every matching row and revalidates them.</summary>
    public async Task<FixOutcome> ReplaceAsync(int id, FindReplace fix, CancellationToken ct)
    {
        var (domain, _) = await DomainOfAsync(id, ct);
        var column = ColumnIndex(domain, fix.Column);
        if (fix.Match == FixMatch.Contains && fix.Find.Length == 0)
        {
            throw ImportProblem.BadRequest("'find' is empty: say what text to replace. To fill blank cells, use \"match\": \"Exact\" with an empty 'find'.");
        }

        var replace = CellText.Clean(fix.Replace.Trim());
        var pattern = FixCandidates.Pattern(fix.Find, fix.Match == FixMatch.Exact);
        return await RunAsync(id, domain, (db, after) => FixCandidates.NextAsync(db, id, after, fix.Rows == FixRows.Error, pattern, RowsPerBatch, ct),
            (row, relabel) => fix.Apply((relabel?.Apply(row.Values) ?? row.Values).ElementAtOrDefault(column)) is not null,
            values =>
            {
                var changed = values.Length == domain.Columns.Count ? (string?[])values.Clone() : new string?[domain.Columns.Count];
                changed[column] = CellText.Clean((fix.Apply(changed[column]) ?? changed[column] ?? "").Trim());
                return changed;
            }, ct);
    }

    /// <summary>Skips every row of the import that is an Error row when asked.</summary>
    /// <remarks>
    /// The Error rows are listed first and then skipped by number, batch by batch. Each batch revalidates the rows sharing
    /// its keys, so a later Error row whose every key-mate an earlier batch skipped became Valid before its own batch came,
    /// and was left to commit: skipping all errors of a million-row file whose Client IDs each stood on 25 rows left 21 of
    /// them as Updates of existing clients. Skipping the rows listed at the start is what one skip of them all would do.
    /// </remarks>
    public async Task<FixOutcome> SkipErrorRowsAsync(int id, CancellationToken ct)
    {
        var (domain, _) = await DomainOfAsync(id, ct);
        List<int> errorRows;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            errorRows = await FixCandidates.ErrorRowNumbersAsync(db, id, ct);
        }

        return errorRows.Count > 0
            ? await SkipRowsAsync(id, errorRows, ct)
            : await RunAsync(id, domain, (db, after) => FixCandidates.NextAsync(db, id, after, errorsOnly: true, "%", RowsPerBatch, ct), (_, _) => true, null, ct);
    }

    /// <summary>Skips the rows of <paramref name="rowNumbers"/> (those not skipped yet).</summary>
    public async Task<FixOutcome> SkipRowsAsync(int id, IReadOnlyCollection<int> rowNumbers, CancellationToken ct)
    {
        var (domain, total) = await DomainOfAsync(id, ct);
        var wanted = rowNumbers.Distinct().Order().ToArray();
        if (wanted.Length == 0 || wanted[0] < 2 || wanted[^1] > total + 1)
        {
            throw ImportProblem.BadRequest(wanted.Length == 0
                ? "'rowNumbers' is empty: list the rows to skip, or send {\"status\": \"Error\"} to skip every error row."
                : $"Import {id} has rows 2 to {total + 1} (the header is row 1); {string.Join(", ", wanted.Where(n => n < 2 || n > total + 1).Take(10))} is not one of them.");
        }

        return await RunAsync(id, domain, (db, after) =>
        {
            var chunk = wanted.Where(n => n > after).Take(RowsPerBatch).ToList();
            return db.ImportRows.AsNoTracking().Where(r => r.ImportId == id && chunk.Contains(r.RowNumber)).OrderBy(r => r.RowNumber).ToListAsync(ct);
        }, (row, _) => row.Status != RowStatus.Skipped, null, ct, lastWanted: wanted.LastOrDefault());
    }

    /// <summary>Skips the Error rows of one problem group.</summary>
    public async Task<FixOutcome> SkipGroupAsync(int id, ProblemGroup group, ProblemGroups groups, CancellationToken ct)
    {
        var numbers = new List<int>();
        for (var page = 1; ; page++)
        {
            var rows = await groups.RowNumbersAsync(id, group, new PageRequest(page, PageRequest.MaxPageSize), ct);
            numbers.AddRange(rows.Items);
            if (rows.Items.Count < PageRequest.MaxPageSize)
            {
                break;
            }
        }

        return await SkipRowsAsync(id, numbers, ct);
    }

    private async Task<FixOutcome> RunAsync(int id, IImportDomain domain, Func<BulkImportDbContext, int, Task<List<ImportRow>>> next,
        Func<ImportRow, SelectListRelabel?, bool> matches, Func<string?[], string?[]>? change, CancellationToken ct, int? lastWanted = null)
    {
        var changed = 0;
        var newErrors = 0;
        var listed = new List<int>();
        var afterRow = 0;
        Import? import = null;
        while (lastWanted is null || afterRow < lastWanted)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Not tracked: the revision moves its counts in memory, and the database gets only the difference; rows are read
            // untracked too, and the revision says which it changed and how they were.
            import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw ImportHistory.NotFound(id);
            EnsureRowsCanChange(import, changed);
            var candidates = await next(db, afterRow);
            if (candidates.Count == 0)
            {
                break;
            }

            afterRow = candidates[^1].RowNumber;
            var relabel = await SelectListRelabel.LoadAsync(db, domain, import.CreatedAt, ct);
            var batch = candidates.Where(r => matches(r, relabel)).ToList();
            var before = RowCountChange.CountsOf(import);
            var revised = await revision.ReviseAsync(db, import, domain, batch, change, relabel, ct);
            // Possible duplicates (SPEC 14): a skipped row's discrepancy goes, a changed row is checked again (a Select
            // that stands makes it its client's Update again, so this comes before the rows are written).
            var inBatch = batch.Select(r => r.RowNumber).ToHashSet();
            var discrepancies = await DiscrepancyBatchRecheck.AfterBatchAsync(db, import, domain, [.. revised.Where(r => inBatch.Contains(r.Row.RowNumber))], ct);
            // The rows by a prepared UPDATE each (SaveChanges' command per row and EF's tracking were most of a replace's time);
            // the rows a skip made Skipped, all alike, by one statement.
            var skipped = change is null ? revised.Where(r => inBatch.Contains(r.Row.RowNumber)).Select(r => r.Row.RowNumber).ToList() : [];
            await RevisedRowWriter.WriteSkippedAsync(db, id, skipped, ct);
            await RevisedRowWriter.WriteAsync(db, revised.Where(r => change is not null || !inBatch.Contains(r.Row.RowNumber)).Select(r => r.Row), ct);
            var groups = ProblemGroupChange.Of(revised, domain);
            await ImportCounters.AddAsync(db, id, RowCountChange.Since(before, import), ct);
            await ProblemGroupCounts.AddAsync(db, id, groups, ct);
            await db.SaveChangesAsync(ct);
            await DiscrepancyCounters.AddAsync(db, import, discrepancies, ct);
            await transaction.CommitAsync(ct);
            changed += batch.Count;
            if (lastWanted is null && candidates.Count < RowsPerBatch)
            {
                // The last batch: another pass would only find none, and a confirm made meanwhile would refuse a change already complete.
                AddNewErrors(revised, ref newErrors, listed);
                break;
            }

            AddNewErrors(revised, ref newErrors, listed);
        }

        listed.Sort();

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw ImportHistory.NotFound(id);
        }

        return new FixOutcome(changed, newErrors, listed, import);
    }

    /// <summary>
    /// Counts the rows the batch made invalid: a changed row, or a row sharing a key with one (a replace that gives a row
    /// another's Client ID makes both errors).
    /// </summary>
    private static void AddNewErrors(IEnumerable<RevisedRow> revised, ref int newErrors, List<int> listed)
    {
        foreach (var row in revised.Where(r => r.OldStatus == RowStatus.Valid && r.Row.Status == RowStatus.Error))
        {
            newErrors++;
            if (listed.Count < FixOutcome.Listed)
            {
                listed.Add(row.Row.RowNumber);
            }
        }
    }

    /// <summary>
    /// Rows may change only during review. Refused after some batches went through (the import was confirmed between
    /// two), the answer says how many rows were changed, since those changes stand.
    /// </summary>
    private static void EnsureRowsCanChange(Import import, int changedSoFar)
    {
        try
        {
            import.EnsureRowsCanChange();
        }
        catch (ImportProblem refused) when (changedSoFar > 0)
        {
            throw ImportProblem.Conflict($"{refused.Message} {changedSoFar:N0} {(changedSoFar == 1 ? "row was" : "rows were")} changed before that and stay changed; "
                + "the other matching rows were not.");
        }
    }

    private async Task<(IImportDomain Domain, int TotalRows)> DomainOfAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw ImportHistory.NotFound(id);
        import.EnsureRowsCanChange();
        return (domains.Get(import.Domain), import.TotalRows);
    }

    /// <summary>The column's place among the domain's columns, matched as headers are; a column the domain does not have is a 400 listing those it has.</summary>
    public static int ColumnIndex(IImportDomain domain, string? column)
    {
        var wanted = HeaderName.Normalize(column ?? "");
        for (var i = 0; i < domain.Columns.Count; i++)
        {
            if (wanted.Length > 0 && HeaderName.Normalize(domain.Columns[i]) == wanted)
            {
                return i;
            }
        }

        throw ImportProblem.BadRequest($"'{column}' is not a column of the {domain.DisplayName} template. The columns are: {string.Join(", ", domain.Columns)}.");
    }
}
