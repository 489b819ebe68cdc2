using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports.Validation;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports;

/// <summary>The operator's fixes during review: a row's cells changed, or the row skipped; each revalidates what depends on it.</summary>
public sealed class RowEdits(IDbContextFactory<BulkImportDbContext> dbFactory, ImportDomains domains, RowRevalidator revalidator)
{
    /// <summary>Changes cells of one row and revalidates it and the rows sharing its key; returns the row and the import with new counts.</summary>
    public async Task<(ImportRow Row, Import Import)> EditRowAsync(int id, int rowNumber, IReadOnlyDictionary<string, string?> changes, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (import, row) = await LoadForChangeAsync(db, id, rowNumber, ct);
        await revalidator.ReviseAsync(db, import, domains.Get(import.Domain), row, changes, skip: false, ct);
        await db.SaveChangesAsync(ct);
        return (row, import);
    }

    public async Task<(ImportRow Row, Import Import)> SkipRowAsync(int id, int rowNumber, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (import, row) = await LoadForChangeAsync(db, id, rowNumber, ct);
        if (row.Status != RowStatus.Skipped)
        {
            await revalidator.ReviseAsync(db, import, domains.Get(import.Domain), row, null, skip: true, ct);
            await db.SaveChangesAsync(ct);
        }

        return (row, import);
    }

    private static async Task<(Import, ImportRow)> LoadForChangeAsync(BulkImportDbContext db, int id, int rowNumber, CancellationToken ct)
    {
        var import = await db.Imports.SingleOrDefaultAsync(i => i.Id == id, ct)
            ?? throw ImportHistory.NotFound(id);
        import.EnsureRowsCanChange();
        var row = await db.ImportRows.SingleOrDefaultAsync(r => r.ImportId == id && r.RowNumber == rowNumber, ct)
            ?? throw ImportProblem.NotFound($"Import {id} has no row {rowNumber}. Row numbers start at 2 (the header is row 1) and end at {import.TotalRows + 1}.");
        return (import, row);
    }
}
