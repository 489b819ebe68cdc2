using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Discrepancies;

/// <summary>
/// A person verifying possible duplicates ("Await Discrepancy Verification", SPEC section 14): the list, paged from the
/// database, and the resolutions, one or all at once. Each change is one transaction holding the write lock from its
/// start, like a row edit, so it is ordered with edits and with Confirm: a resolution after the commit started is refused.
/// </summary>
public sealed class DiscrepancyVerification(IDbContextFactory<BulkImportDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Rows changed per transaction by resolve-all.</summary>
    private const int ResolveAllBatch = 1_000;

    /// <summary>A page of the import's discrepancies in row order: all, or only the resolved (true) or unresolved (false) ones.</summary>
    public async Task<Page<DiscrepancyView>> PageAsync(int importId, bool? resolved, PageRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Discrepancies.AsNoTracking().Where(d => d.ImportId == importId);
        if (resolved is { } wanted)
        {
            query = wanted ? query.Where(d => d.Resolution != null) : query.Where(d => d.Resolution == null);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(d => d.RowNumber).Skip(request.Skip).Take(request.PageSize).ToListAsync(ct);
        var rowNumbers = items.ConvertAll(d => d.RowNumber);
        var values = await db.ImportRows.AsNoTracking()
            .Where(r => r.ImportId == importId && rowNumbers.Contains(r.RowNumber))
            .Select(r => new { r.RowNumber, r.Values })
            .ToDictionaryAsync(r => r.RowNumber, r => r.Values, ct);
        return new Page<DiscrepancyView>(
            items.ConvertAll(d => new DiscrepancyView(d, values.GetValueOrDefault(d.RowNumber) ?? [])), request.Page, request.PageSize, total);
    }

    /// <summary>Resolves the discrepancy of one row: Select a candidate client (the row becomes its Update), or New Person.</summary>
    public async Task<(Discrepancy Discrepancy, Import Import)> ResolveAsync(int importId, int rowNumber, DiscrepancyResolution resolution, int? clientId, string user, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var import = await LoadAsync(db, importId, ct);
        var discrepancy = await db.Discrepancies.SingleOrDefaultAsync(d => d.ImportId == importId && d.RowNumber == rowNumber, ct)
            ?? throw ImportProblem.BadRequest($"Row {rowNumber} of import {importId} has no possible duplicate to resolve. "
                + "Only the rows listed under View Discrepancies take a resolution.");
        if (resolution == DiscrepancyResolution.Select)
        {
            // A row whose candidates are all rows of this file has no client to select, whatever was sent.
            if (!discrepancy.Candidates.Exists(c => c.ClientId is not null))
            {
                throw ImportProblem.BadRequest($"Row {rowNumber} may only repeat earlier rows of this file, not an existing client: choose New Person, or skip the row.");
            }

            var chosen = clientId ?? throw ImportProblem.BadRequest(
                $"Say which client row {rowNumber} is: send \"clientId\" with one of its candidates ({Candidates(discrepancy)}), or choose New Person.");
            if (!discrepancy.Candidates.Exists(c => c.ClientId == chosen))
            {
                throw ImportProblem.BadRequest($"Client {chosen} is not a candidate of row {rowNumber}; its candidates are {Candidates(discrepancy)}. Choose one of them, or New Person.");
            }

            await EnsureNotChosenElsewhereAsync(db, importId, rowNumber, chosen, ct);
        }

        var row = await db.ImportRows.SingleAsync(r => r.ImportId == importId && r.RowNumber == rowNumber, ct);
        Apply(import, row, discrepancy, resolution, resolution == DiscrepancyResolution.Select ? clientId : null, user, Now);
        import.SettleVerification();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (discrepancy, import);
    }

    /// <summary>
    /// Resolves every unresolved discrepancy at once: New Person for all remaining, or Select for the rows with exactly
    /// one candidate client by <paramref name="rule"/> (a client already chosen by another row is left to a person).
    /// Returns how many were resolved.
    /// </summary>
    public async Task<(int Resolved, Import Import)> ResolveAllAsync(int importId, DiscrepancyResolution resolution, DuplicateRule? rule, string user, CancellationToken ct)
    {
        if (resolution == DiscrepancyResolution.Select && rule is null)
        {
            throw ImportProblem.BadRequest($"Select for all needs the rule whose single match to choose: send \"rule\" with one of {string.Join(", ", Enum.GetNames<DuplicateRule>())}.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var import = await LoadAsync(db, importId, ct);
        var now = Now;
        var resolved = 0;
        if (resolution == DiscrepancyResolution.NewPerson)
        {
            // Set-based: the rows stay Inserts, so only the discrepancies change.
            resolved = await db.Discrepancies.Where(d => d.ImportId == importId && d.Resolution == null)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Resolution, DiscrepancyResolution.NewPerson)
                    .SetProperty(d => d.ResolvedBy, user)
                    .SetProperty(d => d.ResolvedAt, now), ct);
            import.UnresolvedDiscrepancies -= resolved;
        }
        else
        {
            var taken = new HashSet<int>(await db.Discrepancies.AsNoTracking()
                .Where(d => d.ImportId == importId && d.Resolution == DiscrepancyResolution.Select && d.SelectedClientId != null)
                .Select(d => d.SelectedClientId!.Value).ToListAsync(ct));
            var after = 0;
            while (true)
            {
                var batch = await db.Discrepancies.Where(d => d.ImportId == importId && d.Resolution == null && d.RowNumber > after)
                    .OrderBy(d => d.RowNumber).Take(ResolveAllBatch).ToListAsync(ct);
                if (batch.Count == 0)
                {
                    break;
                }

                after = batch[^1].RowNumber;
                var chosen = new Dictionary<int, int>();
                foreach (var discrepancy in batch)
                {
                    var matches = discrepancy.Candidates.Where(c => c.ClientId is not null && c.Rules.Contains(rule!.Value)).ToList();
                    if (matches.Count == 1 && taken.Add(matches[0].ClientId!.Value))
                    {
                        chosen[discrepancy.RowNumber] = matches[0].ClientId!.Value;
                    }
                }

                // A client another row of the file names by its Client ID is that row's to update.
                var named = await ClientsNamedByRowsAsync(db, importId, chosen.Values, ct);
                foreach (var rowNumber in chosen.Where(c => named.Contains(c.Value)).Select(c => c.Key).ToList())
                {
                    chosen.Remove(rowNumber);
                }

                var rowNumbers = chosen.Keys.ToList();
                var rows = await db.ImportRows.Where(r => r.ImportId == importId && rowNumbers.Contains(r.RowNumber)).ToListAsync(ct);
                foreach (var row in rows)
                {
                    Apply(import, row, batch.First(d => d.RowNumber == row.RowNumber), DiscrepancyResolution.Select, chosen[row.RowNumber], user, now);
                    resolved++;
                }

                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                db.Attach(import);
            }
        }

        import.SettleVerification();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (resolved, import);
    }

    /// <summary>
    /// Sets a resolution and keeps the row and the counts in step: a Select makes the row an Update (its Client ID stays
    /// blank in the file's values; the commit takes the chosen client), anything else leaves it an Insert.
    /// </summary>
    internal static void Apply(Import import, Imports.ImportRow row, Discrepancy discrepancy, DiscrepancyResolution? resolution, int? clientId, string? user, DateTime? at)
    {
        if (discrepancy.Resolution is null && resolution is not null)
        {
            import.UnresolvedDiscrepancies--;
        }
        else if (discrepancy.Resolution is not null && resolution is null)
        {
            import.UnresolvedDiscrepancies++;
        }

        discrepancy.Resolution = resolution;
        discrepancy.SelectedClientId = clientId;
        discrepancy.ResolvedBy = resolution is null ? null : user;
        discrepancy.ResolvedAt = resolution is null ? null : at;
        // Only a row whose Client ID is blank is the staged Insert a resolution decides (one given an ID is an Update by it).
        if (row.Status == RowStatus.Valid && row.Action != RowAction.None && Domains.Common.Cells.IsBlank(row.Values.ElementAtOrDefault(0)))
        {
            var action = resolution == DiscrepancyResolution.Select ? RowAction.Update : RowAction.Insert;
            RowCounts.Add(import, row.Status, row.Action, -1);
            row.Action = action;
            RowCounts.Add(import, row.Status, row.Action);
        }
    }

    /// <summary>
    /// One client is updated by one row of a file (SPEC 6: the same Client ID on two rows is an error). Two rows
    /// updating one client also broke its undo: undone in row order, the first row's change was reported Kept ("changed
    /// by this import, row N") and the last row's before-image put back the first row's values, not the client's own.
    /// </summary>
    private static async Task EnsureNotChosenElsewhereAsync(BulkImportDbContext db, int importId, int rowNumber, int clientId, CancellationToken ct)
    {
        var naming = await KeyedRows.Of(db, importId, [clientId.ToString(System.Globalization.CultureInfo.InvariantCulture)]).AsNoTracking()
            .Where(r => r.RowNumber != rowNumber && r.Status != RowStatus.Skipped)
            .OrderBy(r => r.RowNumber).Select(r => (int?)r.RowNumber).FirstOrDefaultAsync(ct);
        if (naming is { } row)
        {
            throw ImportProblem.BadRequest($"Client {clientId} is updated by row {row}, which gives its Client ID: one client can be updated by one row of a file. "
                + $"Choose New Person for row {rowNumber}, or skip row {row} first.");
        }

        var other = await db.Discrepancies.AsNoTracking()
            .Where(d => d.ImportId == importId && d.RowNumber != rowNumber && d.Resolution == DiscrepancyResolution.Select && d.SelectedClientId == clientId)
            .Select(d => (int?)d.RowNumber).FirstOrDefaultAsync(ct);
        if (other is { } first)
        {
            throw ImportProblem.BadRequest($"Client {clientId} is already chosen for row {first}: one client can be updated by one row of a file. "
                + $"Choose New Person for row {rowNumber}, or change row {first}'s choice first.");
        }
    }

    /// <summary>Which of <paramref name="clientIds"/> rows of the import (not skipped) name by their Client ID.</summary>
    internal static async Task<HashSet<int>> ClientsNamedByRowsAsync(BulkImportDbContext db, int importId, IEnumerable<int> clientIds, CancellationToken ct)
    {
        var keys = clientIds.Distinct().Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (keys.Count == 0)
        {
            return [];
        }

        var named = await KeyedRows.Of(db, importId, keys).AsNoTracking()
            .Where(r => r.Status != RowStatus.Skipped)
            .Select(r => r.RowKey!).ToListAsync(ct);
        return [.. named.Select(k => int.Parse(k, System.Globalization.CultureInfo.InvariantCulture))];
    }

    /// <summary>
    /// Why the import cannot be confirmed because a row's Select chose a client that another row (edited or fixed since
    /// the choice) names by its Client ID; null when none does. The choice itself is refused (<see cref="ResolveAsync"/>),
    /// but an edit made after it is not checked against the choices, so Confirm checks once more.
    /// </summary>
    public static async Task<string?> SelectedClientNamedByRowAsync(BulkImportDbContext db, int importId, CancellationToken ct)
    {
        var selected = await db.Discrepancies.AsNoTracking()
            .Where(d => d.ImportId == importId && d.Resolution == DiscrepancyResolution.Select && d.SelectedClientId != null)
            .Select(d => new { d.RowNumber, ClientId = d.SelectedClientId!.Value }).ToListAsync(ct);
        if (selected.Count == 0)
        {
            return null;
        }

        var named = await ClientsNamedByRowsAsync(db, importId, selected.Select(s => s.ClientId), ct);
        return selected.OrderBy(s => s.RowNumber).FirstOrDefault(s => named.Contains(s.ClientId)) is { } clash
            ? $"Client {clash.ClientId} is chosen for row {clash.RowNumber} and another row gives its Client ID: one client can be updated by one row of a file. "
                + $"Choose New Person for row {clash.RowNumber}, or change or skip the other row, then confirm."
            : null;
    }

    private static async Task<Import> LoadAsync(BulkImportDbContext db, int importId, CancellationToken ct)
    {
        var import = await db.Imports.SingleOrDefaultAsync(i => i.Id == importId, ct) ?? throw ImportHistory.NotFound(importId);
        if (import.Status is ImportStatus.Queued or ImportStatus.Committing or ImportStatus.Committed)
        {
            throw ImportProblem.Conflict($"Import {importId} was confirmed, so its possible duplicates can no longer be resolved: resolve them before Confirm.");
        }

        import.EnsureRowsCanChange();
        return import;
    }

    /// <summary>The candidate clients, for a row that has at least one.</summary>
    private static string Candidates(Discrepancy discrepancy) =>
        string.Join(", ", discrepancy.Candidates.Where(c => c.ClientId is not null).Select(c => $"client {c.ClientId}"));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
