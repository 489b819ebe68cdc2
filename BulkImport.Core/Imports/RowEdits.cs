using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports.Fixes;
using BulkImport.Core.Imports.Validation;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports;

/// <summary>The operator's fixes during review: a row's cells changed, or the row skipped; each revalidates what depends on it.</summary>
/// <remarks>
/// Each edit or skip is one transaction that holds the database's write lock from its start (SQLite's BEGIN IMMEDIATE)
/// and reads the import's status under it. So edits of one import run one after the other, and an edit and a Confirm
/// are ordered: the edit comes first and the Confirm (and so the commit) sees the row as edited, or the Confirm comes
/// first and the edit is refused; no row changes after the commit read it. The counts are saved relative to what the
/// database holds (<see cref="ImportCounters"/>).
/// </remarks>
public sealed class RowEdits(IDbContextFactory<BulkImportDbContext> dbFactory, ImportDomains domains, RowRevalidator revalidator)
{
    /// <summary>Changes cells of one row and revalidates it and the rows sharing its key; returns the row and the import with new counts.</summary>
    public Task<(ImportRow Row, Import Import)> EditRowAsync(int id, int rowNumber, IReadOnlyDictionary<string, string?> changes, CancellationToken ct) =>
        ChangeAsync(id, rowNumber, changes, skip: false, ct);

    /// <summary>Marks one row Skipped and revalidates the rows that shared its key; returns the row and the import with new counts.</summary>
    public Task<(ImportRow Row, Import Import)> SkipRowAsync(int id, int rowNumber, CancellationToken ct) =>
        ChangeAsync(id, rowNumber, null, skip: true, ct);

    private async Task<(ImportRow, Import)> ChangeAsync(int id, int rowNumber, IReadOnlyDictionary<string, string?>? changes, bool skip, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Not tracked: the revalidation moves its counts in memory, and the database gets only the difference.
        var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw ImportHistory.NotFound(id);
        import.EnsureRowsCanChange();
        var row = await db.ImportRows.SingleOrDefaultAsync(r => r.ImportId == id && r.RowNumber == rowNumber, ct)
            ?? throw ImportProblem.NotFound($"Import {id} has no row {rowNumber}. Row numbers start at 2 (the header is row 1) and end at {import.TotalRows + 1}.");
        if (skip && row.Status == RowStatus.Skipped)
        {
            return (row, import);
        }

        var before = RowCountChange.CountsOf(import);
        var domain = domains.Get(import.Domain);
        await revalidator.ReviseAsync(db, import, domain, row, changes, skip, ct);
        // Possible duplicates (SPEC 14): the row is checked again, and the import goes to or from verification.
        var discrepancies = await Discrepancies.DiscrepancyRecheck.AfterChangeAsync(db, import, domain, row, ct);
        // The problem groups move with the counts, from the rows as read to the rows as saved (the row and its key's group).
        var groups = ProblemGroupChange.OfTracked(db, domain);
        await db.SaveChangesAsync(ct);
        await ImportCounters.AddAsync(db, id, RowCountChange.Since(before, import), ct);
        await ProblemGroupCounts.AddAsync(db, id, groups, ct);
        await Discrepancies.DiscrepancyCounters.AddAsync(db, import, discrepancies, ct);
        await transaction.CommitAsync(ct);
        return (row, import);
    }
}
