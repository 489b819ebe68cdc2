using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Support;

/// <summary>Every row of an import read straight from the database as the product shows it: the staged row with its commit result applied.</summary>
public static class ShownRows
{
    public static async Task<List<ImportRow>> LoadAsync(BulkImportDbContext db, int importId)
    {
        var rows = await db.ImportRows.AsNoTracking().Where(r => r.ImportId == importId).OrderBy(r => r.RowNumber).ToListAsync();
        await CommittedRows.ApplyAsync(db, importId, rows, CancellationToken.None);
        return rows;
    }
}
