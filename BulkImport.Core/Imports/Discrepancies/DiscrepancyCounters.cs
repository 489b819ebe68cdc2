using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// Saves what a row edit changed in an import's discrepancy counters, relative to what the database holds (as the row
/// counts are saved), and the status that follows from them (<see cref="Import.SettleVerification"/>), only if the
/// status is still the one the edit started from.
/// </summary>
public static class DiscrepancyCounters
{
    public static async Task AddAsync(BulkImportDbContext db, Import import, (int Total, int Unresolved) change, CancellationToken ct)
    {
        if (change == default)
        {
            return;
        }

        await db.Imports.Where(i => i.Id == import.Id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Discrepancies, i => i.Discrepancies + change.Total)
            .SetProperty(i => i.UnresolvedDiscrepancies, i => i.UnresolvedDiscrepancies + change.Unresolved), ct);
        var was = import.Status;
        var settled = await db.Imports.AsNoTracking().SingleAsync(i => i.Id == import.Id, ct);
        settled.SettleVerification();
        if (settled.Status != was)
        {
            await db.Imports.Where(i => i.Id == import.Id && i.Status == was).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, settled.Status), ct);
        }

        import.Discrepancies = settled.Discrepancies;
        import.UnresolvedDiscrepancies = settled.UnresolvedDiscrepancies;
        import.ShowStatus(settled.Status);
    }
}
