using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports.Validation;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Fixes;

/// <summary>
/// An import's problems (SPEC 20): the Error rows' messages grouped by column, rule and value, most rows first, and the
/// rows of one group, for "Show rows" and "Skip these rows".
/// </summary>
public sealed class ProblemGroups(IDbContextFactory<BulkImportDbContext> dbFactory, ImportDomains domains)
{
    /// <summary>A page of the groups, most rows first.</summary>
    public async Task<Page<ProblemGroup>> PageAsync(int id, PageRequest page, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var snapshot = await ReadSnapshot.BeginAsync(db, ct);
        if (!await db.Imports.AnyAsync(i => i.Id == id, ct))
        {
            throw ImportHistory.NotFound(id);
        }

        var (items, total) = await ProblemGroupCounts.PageAsync(db, id, page.Skip, page.PageSize, ct);
        return new Page<ProblemGroup>(
            [.. items.Select(g => new ProblemGroup(g.Column.Length == 0 ? null : g.Column, g.Code ?? g.Message, g.Value, Shown(g), g.Count, Suggestion.Of(g.Message)))],
            page.Page, page.PageSize, total);
    }

    /// <summary>The row numbers of one group's Error rows, a page of them in row order.</summary>
    public async Task<Page<int>> RowNumbersAsync(int id, ProblemGroup group, PageRequest page, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var snapshot = await ReadSnapshot.BeginAsync(db, ct);
        var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw ImportHistory.NotFound(id);
        var (rows, total) = await RowNumbersAsync(db, import, group, page, ct);
        return new Page<int>(rows, page.Page, page.PageSize, total);
    }

    /// <summary>A page of one group's Error rows, shown as the grid shows rows.</summary>
    public async Task<Page<ImportRow>> RowsAsync(int id, ProblemGroup group, PageRequest page, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var snapshot = await ReadSnapshot.BeginAsync(db, ct);
        var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) ?? throw ImportHistory.NotFound(id);
        var (numbers, total) = await RowNumbersAsync(db, import, group, page, ct);
        var rows = await db.ImportRows.AsNoTracking().Where(r => r.ImportId == id && numbers.Contains(r.RowNumber)).OrderBy(r => r.RowNumber).ToListAsync(ct);
        await DuplicateKeyMessages.ShowAsync(db, domains.Get(import.Domain), rows, ct);
        return new Page<ImportRow>(rows, page.Page, page.PageSize, total);
    }

    private async Task<(List<int> Rows, int Total)> RowNumbersAsync(BulkImportDbContext db, Import import, ProblemGroup group, PageRequest page, CancellationToken ct)
    {
        var domain = domains.Get(import.Domain);
        var index = group.Column is null ? -1 : BulkFixes.ColumnIndex(domain, group.Column);
        return await ProblemGroupQuery.RowsAsync(db.Database.GetDbConnection(), import.Id, group.Column, index, group.Code, group.Value, page.Skip, page.PageSize, ct);
    }

    /// <summary>
    /// The group's message as a person reads it: a repeated key's message names other rows, which differ from row to row,
    /// so its group says what they share.
    /// </summary>
    private static string Shown(ProblemGroupCount group) =>
        group.Code is DuplicateKeyRule.Code or DuplicateKeyRule.LargeGroupCode
            ? $"{group.Column} {group.Value} is on {group.Count:N0} rows that share one key. Keep one row per key: fix or skip the others."
            : group.Message;
}
