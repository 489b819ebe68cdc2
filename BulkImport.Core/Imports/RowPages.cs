using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Imports.Validation;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports;

/// <summary>An import's rows as the review grid and the row API show them: a page of them, or one, each with its commit result.</summary>
public sealed class RowPages(IDbContextFactory<BulkImportDbContext> dbFactory, ImportDomains domains)
{
    /// <summary>
    /// One page of an import's rows (all, or those of one status) in row order, cheap on a million-row import: the total
    /// comes from the import's counters (<see cref="RowCounts.Exact"/>), not from counting the rows, and a deep page is
    /// found in the index from the nearer end (<see cref="RowPageLocator"/>). A page whose rows pass
    /// <see cref="RowPageBudget.MaxBytes"/> is refused, saying how many rows per page fit.
    /// </summary>
    public async Task<Page<ImportRow>> RowsAsync(int id, RowStatus? status, PageRequest page, CancellationToken ct, bool descending = false)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The counters and the rows are read from one snapshot: during a commit they change together, batch by batch.
        await using var snapshot = await ReadSnapshot.BeginAsync(db, ct);
        var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw ImportHistory.NotFound(id);
        var total = RowCounts.Exact(import, status);
        var through = await CommittedRows.ThroughAsync(db, id, ct);
        var budget = new RowPageBudget(page);
        List<ImportRow> items;
        if (status is RowStatus.Success or RowStatus.Failed)
        {
            var results = db.RowResults.AsNoTracking().Where(r => r.ImportId == id && r.Status == status);
            total ??= await results.CountAsync(ct);
            items = await CommittedRows.RowsOfAsync(db, id, await RowPageLocator.PageAsync(results, total.Value, page, descending, ct), ct, budget.Spend);
        }
        else
        {
            var query = db.ImportRows.AsNoTracking().Where(r => r.ImportId == id);
            RowPageLocator.RowLocator? locate = null;
            var afterRow = 0;
            if (status == RowStatus.Valid)
            {
                query = query.Where(r => r.Status == RowStatus.Valid);
                // A Valid row up to the last row committed has its result: the Valid rows shown are those still waiting.
                afterRow = through;
                locate = (offset, backwards) => RowPageLocator.LocateValidAsync(db, import, through, offset, backwards, ct);
            }
            else if (status is { } s)
            {
                // "Not Valid" as the partial index states it, so the index serves the filter.
                query = query.Where(r => r.Status != RowStatus.Valid && r.Status == s);
            }
            else
            {
                locate = async (offset, backwards) => await RowPageLocator.FirstOfConsecutiveAsync(db, import, ct) is { } first
                    ? (backwards ? first + import.TotalRows - 1 - offset : first + offset)
                    : await RowPageLocator.LocateInIndexAsync(query, offset, backwards, 0, ct);
            }

            total ??= await query.CountAsync(r => r.RowNumber > afterRow, ct);
            items = await RowPageLocator.PageAsync(query, total.Value, page, descending, ct, afterRow, locate, budget.Spend);
            if (status is null && through > 0)
            {
                await CommittedRows.ApplyAsync(db, id, items, ct);
            }

            await ShowCurrentSelectTextAsync(db, import, items, ct);
            await DuplicateKeyMessages.ShowAsync(db, domains.Get(import.Domain), items, ct);
        }

        return new Page<ImportRow>(items, page.Page, page.PageSize, total.Value);
    }

    /// <summary>One row of an import by its row number.</summary>
    public async Task<ImportRow> RowAsync(int id, int rowNumber, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var snapshot = await ReadSnapshot.BeginAsync(db, ct);
        var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw ImportHistory.NotFound(id);
        var row = await db.ImportRows.AsNoTracking().SingleOrDefaultAsync(r => r.ImportId == id && r.RowNumber == rowNumber, ct)
            ?? throw NoRow(import, rowNumber);
        await CommittedRows.ApplyAsync(db, id, [row], ct);
        await ShowCurrentSelectTextAsync(db, import, [row], ct);
        await DuplicateKeyMessages.ShowAsync(db, domains.Get(import.Domain), [row], ct);
        return row;
    }

    /// <summary>
    /// Why a row is not there. While the file is read, or waits at Map Columns, its rows do not exist yet: "has no row 2.
    /// Row numbers start at 2" told a caller polling row 2 of an import being read that the row they named was wrong
    /// (outside audit).
    /// </summary>
    private static ImportProblem NoRow(Import import, int rowNumber) => ImportProblem.NotFound(import.Status switch
    {
        ImportStatus.Validating => $"Import {import.Id} has no row {rowNumber} yet: its file is still being read and validated. Ask again once it is ReadyForReview.",
        ImportStatus.AwaitingMapping => $"Import {import.Id} has no rows yet: its file's columns must be mapped first (GET /api/imports/{import.Id}/mapping), then its rows are read.",
        _ when import.TotalRows == 0 => $"Import {import.Id} has no rows{(import.Status == ImportStatus.ValidationFailed ? ": its file could not be imported (see its fileErrors)" : "")}.",
        _ => $"Import {import.Id} has no row {rowNumber}. Row numbers start at 2 (the header is row 1) and end at {import.TotalRows + 1}.",
    });

    /// <summary>
    /// During review, rows show a select-list value renamed since the upload with its current text: the text the commit
    /// will write and the one the operator's edit is revalidated with (<see cref="SelectListRelabel"/>). Once committed,
    /// the rows show what was imported.
    /// </summary>
    private async Task ShowCurrentSelectTextAsync(BulkImportDbContext db, Import import, List<ImportRow> rows, CancellationToken ct)
    {
        if (rows.Count > 0 && import.Status.AllowsRowChanges()
            && await SelectListRelabel.LoadAsync(db, domains.Get(import.Domain), import.CreatedAt, ct) is { } relabel)
        {
            rows.ForEach(row => row.Values = relabel.Apply(row.Values));
        }
    }
}
