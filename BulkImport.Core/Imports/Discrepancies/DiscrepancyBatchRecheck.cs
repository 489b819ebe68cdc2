using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports.Fixes;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// The possible-duplicates check after a bulk fix's batch (SPEC 14 with SPEC 20), what <see cref="DiscrepancyRecheck"/>
/// does for one edit, with a bounded number of queries a batch: a skipped row, or one that is no longer a valid Insert,
/// loses its discrepancy ("skipping any row resolves its discrepancy"); a row whose compared cells the fix changed, or
/// that it made a valid Insert, is compared again with the existing clients (one filtered pass over their compared
/// values for the batch, only when such a row is in it) and with the earlier rows its discrepancy named, and a resolution whose basis
/// changed is cleared; a row whose compared cells did not change keeps its discrepancy, its Select applied again.
/// </summary>
public static class DiscrepancyBatchRecheck
{
    /// <summary>Client template columns the rules compare, Client ID first (a row given or cleared an ID changes action).</summary>
    private const int ComparedColumns = 7;

    /// <summary>
    /// Checks the batch's rows (already revalidated, untracked, saved after this) and keeps the import's counts in
    /// memory in step; discrepancies are changed through <paramref name="db"/>'s tracking. Returns how the discrepancy
    /// counters moved (total, unresolved).
    /// </summary>
    public static async Task<(int Total, int Unresolved)> AfterBatchAsync(BulkImportDbContext db, Import import, IImportDomain domain,
        IReadOnlyList<RevisedRow> batch, CancellationToken ct)
    {
        if (!domain.FindsPossibleDuplicates || !import.CheckDuplicates || batch.Count == 0)
        {
            return (0, 0);
        }

        var numbers = batch.Select(r => r.Row.RowNumber).ToList();
        var existing = await db.Discrepancies.Where(d => d.ImportId == import.Id && numbers.Contains(d.RowNumber)).ToDictionaryAsync(d => d.RowNumber, ct);
        var toJudge = new List<ImportRow>();
        var total = 0;
        var unresolved = 0;
        void Add((int Total, int Unresolved) change)
        {
            total += change.Total;
            unresolved += change.Unresolved;
        }

        foreach (var revised in batch)
        {
            var row = revised.Row;
            var was = existing.GetValueOrDefault(row.RowNumber);
            if (row.Status != RowStatus.Valid || row.Action != RowAction.Insert)
            {
                Add(DiscrepancyRecheck.Settle(db, import, row, was, null));
            }
            else if (was is not null && revised.OldStatus == RowStatus.Valid && !ComparedCellsChanged(revised))
            {
                // Nothing the rules compare changed: the basis stands, and a Select makes the revalidated row an Update again.
                Add(DiscrepancyRecheck.Settle(db, import, row, was, was));
            }
            else if (was is not null || revised.OldStatus != RowStatus.Valid || ComparedCellsChanged(revised))
            {
                toJudge.Add(row);
            }
        }

        if (toJudge.Count > 0)
        {
            var clients = await CandidateClients.OfRowsAsync(db, [.. toJudge.Select(r => (r.RowNumber, r.Values))], ct);
            var earlier = await EarlierRowsAsync(db, import.Id, toJudge, existing, batch, ct);
            foreach (var row in toJudge)
            {
                var was = existing.GetValueOrDefault(row.RowNumber);
                var found = DiscrepancyJudge.Judge(import.Id, row.RowNumber, row.Values,
                    clients.GetValueOrDefault(row.RowNumber, []),
                    (was?.Candidates ?? []).Where(c => c.RowNumber is { } n && earlier.ContainsKey(n)).Select(c => (c.RowNumber!.Value, earlier[c.RowNumber!.Value])));
                Add(DiscrepancyRecheck.Settle(db, import, row, was, found));
            }
        }

        return (total, unresolved);
    }

    private static bool ComparedCellsChanged(RevisedRow revised)
    {
        for (var i = 0; i < ComparedColumns; i++)
        {
            if (!string.Equals(revised.OldValues.ElementAtOrDefault(i), revised.Row.Values.ElementAtOrDefault(i), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The earlier rows the rows' discrepancies named, as they are now: those of this batch from the batch (changed, not
    /// yet saved), the others read by number; only valid Inserts can be repeated.
    /// </summary>
    private static async Task<Dictionary<int, string?[]>> EarlierRowsAsync(BulkImportDbContext db, int importId, List<ImportRow> rows,
        Dictionary<int, Discrepancy> existing, IReadOnlyList<RevisedRow> batch, CancellationToken ct)
    {
        var named = rows.SelectMany(r => existing.GetValueOrDefault(r.RowNumber)?.Candidates ?? [])
            .Where(c => c.RowNumber is not null).Select(c => c.RowNumber!.Value).ToHashSet();
        var inBatch = batch.Where(r => named.Contains(r.Row.RowNumber)).ToDictionary(r => r.Row.RowNumber, r => r.Row);
        var others = named.Where(n => !inBatch.ContainsKey(n)).ToList();
        var read = others.Count == 0
            ? []
            : await db.ImportRows.AsNoTracking()
                .Where(r => r.ImportId == importId && others.Contains(r.RowNumber) && r.Status == RowStatus.Valid && r.Action == RowAction.Insert)
                .Select(r => new { r.RowNumber, r.Values }).ToDictionaryAsync(r => r.RowNumber, r => r.Values, ct);
        foreach (var (number, row) in inBatch)
        {
            if (row.Status == RowStatus.Valid && row.Action == RowAction.Insert)
            {
                read[number] = row.Values;
            }
        }

        return read;
    }
}
