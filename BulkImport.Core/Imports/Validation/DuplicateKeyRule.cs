using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Validation;

/// <summary>
/// The same key on two or more rows of one file: each of those rows is an error naming the others (SPEC 6, 7), for the
/// domains whose key is unique (<see cref="IImportDomain.KeyIsUnique"/>).
/// Works on the staged rows of the given keys only, so it never reads the whole import.
/// </summary>
public static class DuplicateKeyRule
{
    public const string Code = "duplicate-key";
    private const int KeysPerQuery = 500;

    /// <summary>Marks the rows of each key that appears more than once; returns the rows it changed (tracked by <paramref name="db"/>).</summary>
    public static async Task<List<ImportRow>> ApplyAsync(BulkImportDbContext db, Import import, IImportDomain domain, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        var changed = new List<ImportRow>();
        if (!domain.KeyIsUnique)
        {
            return changed;
        }

        foreach (var chunk in keys.Chunk(KeysPerQuery))
        {
            var rows = await KeyedRows.Of(db, import.Id, chunk)
                .Where(r => r.Status == RowStatus.Valid || r.Status == RowStatus.Error)
                .OrderBy(r => r.RowNumber)
                .ToListAsync(ct);
            foreach (var group in rows.GroupBy(r => r.RowKey!))
            {
                changed.AddRange(Mark(import, domain, group.ToList()));
            }
        }

        return changed;
    }

    /// <summary>Marks a group of rows that share one key (already loaded), when there are two or more.</summary>
    public static IEnumerable<ImportRow> Mark(Import import, IImportDomain domain, List<ImportRow> sameKey)
    {
        if (sameKey.Count < 2 || !domain.KeyIsUnique)
        {
            yield break;
        }

        foreach (var row in sameKey)
        {
            var others = sameKey.Where(o => o.RowNumber != row.RowNumber).Select(o => o.RowNumber).ToList();
            var listed = string.Join(", ", others.Take(10)) + (others.Count > 10 ? $" and {others.Count - 10} more" : "");
            var rowsWord = others.Count == 1 ? "row" : "rows";
            RowCounts.Add(import, row.Status, row.Action, -1);
            row.Messages.Add(new Imports.RowMessage(domain.KeyColumn,
                $"{domain.DescribeKey(row.RowKey!)} also appears on {rowsWord} {listed}. Keep one row per key: fix or skip the others.", Code));
            row.Status = RowStatus.Error;
            row.Action = RowAction.None;
            RowCounts.Add(import, row.Status, row.Action);
            yield return row;
        }
    }
}
