using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// Checks an edited or skipped row again (SPEC section 14): a skipped row, or one that is no longer a valid Insert,
/// loses its discrepancy; an edited Insert row is compared again with the existing clients and with the earlier rows
/// it was compared with, and a resolution whose basis changed (other candidates, or other rules) is cleared.
/// </summary>
/// <remarks>
/// The existing clients are found in one filtered pass over their compared columns (<see cref="CandidateClients"/>; no
/// index on Clients: see docs/decisions.md, "Possible duplicates"). Earlier rows are those the row's discrepancy already named: comparing an
/// edit with every row of a million-row file would read them all.
/// </remarks>
public static class DiscrepancyRecheck
{
    /// <summary>
    /// Applies the check to <paramref name="row"/> (already revalidated, tracked by <paramref name="db"/>) and keeps the
    /// import's counts in memory in step; returns how the discrepancy counters moved (total, unresolved).
    /// </summary>
    public static async Task<(int Total, int Unresolved)> AfterChangeAsync(BulkImportDbContext db, Import import, IImportDomain domain, ImportRow row, CancellationToken ct)
    {
        if (!domain.FindsPossibleDuplicates || !import.CheckDuplicates)
        {
            return (0, 0);
        }

        var existing = await db.Discrepancies.SingleOrDefaultAsync(d => d.ImportId == import.Id && d.RowNumber == row.RowNumber, ct);
        Discrepancy? found = null;
        if (row.Status == RowStatus.Valid && row.Action == RowAction.Insert)
        {
            var clients = await CandidateClients.OfRowsAsync(db, [(row.RowNumber, row.Values)], ct);
            var earlierNumbers = existing?.Candidates.Where(c => c.RowNumber is not null).Select(c => c.RowNumber!.Value).ToList() ?? [];
            var earlier = earlierNumbers.Count == 0
                ? []
                : await db.ImportRows.AsNoTracking()
                    .Where(r => r.ImportId == import.Id && earlierNumbers.Contains(r.RowNumber) && r.Status == RowStatus.Valid && r.Action == RowAction.Insert)
                    .Select(r => new { r.RowNumber, r.Values }).ToListAsync(ct);
            found = DiscrepancyJudge.Judge(import.Id, row.RowNumber, row.Values,
                clients.GetValueOrDefault(row.RowNumber, []), earlier.Select(r => (r.RowNumber, r.Values)));
        }

        return Settle(db, import, row, existing, found);
    }

    /// <summary>
    /// Puts the row's new finding in place of its discrepancy (<paramref name="existing"/>, tracked, or none): removed when
    /// nothing is found, added when new, otherwise given the new candidates and keeping its resolution only when the basis
    /// is the same (a Select applied again makes the revalidated row its client's Update). Returns how the counters moved.
    /// </summary>
    internal static (int Total, int Unresolved) Settle(BulkImportDbContext db, Import import, ImportRow row, Discrepancy? existing, Discrepancy? found)
    {
        if (existing is null && found is null)
        {
            return (0, 0);
        }

        var before = import.UnresolvedDiscrepancies;
        if (found is null)
        {
            DiscrepancyVerification.Apply(import, row, existing!, null, null, null, null);
            db.Discrepancies.Remove(existing!);
            import.UnresolvedDiscrepancies--;
            return (-1, import.UnresolvedDiscrepancies - before);
        }

        if (existing is null)
        {
            db.Discrepancies.Add(found);
            import.UnresolvedDiscrepancies++;
            return (1, 1);
        }

        var keep = existing.Resolution is { } resolution && SameBasis(existing, found)
            && (resolution != DiscrepancyResolution.Select || found.Candidates.Exists(c => c.ClientId == existing.SelectedClientId));
        existing.Reason = found.Reason;
        existing.Rules = found.Rules;
        existing.Candidates = found.Candidates;
        if (keep)
        {
            // The revalidation made the row an Insert again (its Client ID is blank): the Select stands.
            DiscrepancyVerification.Apply(import, row, existing, existing.Resolution, existing.SelectedClientId, existing.ResolvedBy, existing.ResolvedAt);
        }
        else if (existing.Resolution is not null)
        {
            DiscrepancyVerification.Apply(import, row, existing, null, null, null, null);
        }

        return (0, import.UnresolvedDiscrepancies - before);
    }

    /// <summary>The candidates and the rules each matched by are the same (the values shown may differ).</summary>
    private static bool SameBasis(Discrepancy a, Discrepancy b) =>
        a.Candidates.Count == b.Candidates.Count
        && a.Candidates.Zip(b.Candidates).All(p => p.First.ClientId == p.Second.ClientId && p.First.RowNumber == p.Second.RowNumber
            && p.First.Rules.SequenceEqual(p.Second.Rules));
}
