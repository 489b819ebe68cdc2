using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Data;

/// <summary>Adds to an import's review counts in the database, relative to what they are there (see <see cref="RowCountChange"/>).</summary>
public static class ImportCounters
{
    public static Task AddAsync(BulkImportDbContext db, int importId, RowCountChange change, CancellationToken ct) =>
        change.IsNone
            ? Task.CompletedTask
            : db.Imports.Where(i => i.Id == importId).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.ValidRows, i => i.ValidRows + change.Valid)
                .SetProperty(i => i.ErrorRows, i => i.ErrorRows + change.Error)
                .SetProperty(i => i.SkippedRows, i => i.SkippedRows + change.Skipped)
                .SetProperty(i => i.InsertRows, i => i.InsertRows + change.Insert)
                .SetProperty(i => i.UpdateRows, i => i.UpdateRows + change.Update), ct);
}
