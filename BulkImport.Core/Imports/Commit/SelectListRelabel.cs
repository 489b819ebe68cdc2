using System.Text;
using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Commit;

/// <summary>
/// Select-list values renamed after an import was uploaded: its staged rows hold the text they were validated with,
/// and the commit writes the value's current text, as the rename relabelled the records already stored. Renames are
/// rare, so a commit without any after its upload gets no relabel at all and its hot path is unchanged. The review shows
/// and revalidates the rows with the current text too (see <see cref="RowPages.RowsAsync"/> and
/// <see cref="Validation.RowRevalidator"/>), so what the operator sees and fixes is what the commit writes.
/// </summary>
public sealed class SelectListRelabel
{
    private readonly List<(int Index, Dictionary<string, string> Renamed)> _columns;

    private SelectListRelabel(List<(int Index, Dictionary<string, string> Renamed)> columns) => _columns = columns;

    /// <summary>The renames of <paramref name="domain"/>'s select-list columns made at or after <paramref name="since"/>; null when there are none.</summary>
    public static async Task<SelectListRelabel?> LoadAsync(BulkImportDbContext db, IImportDomain domain, DateTime since, CancellationToken ct)
    {
        var renames = await db.SelectListValueRenames.AsNoTracking().Where(r => r.RenamedAt >= since)
            .OrderBy(r => r.RenamedAt).ThenBy(r => r.Id).ToListAsync(ct);
        if (renames.Count == 0)
        {
            return null;
        }

        var fields = renames.Select(r => r.Field).Distinct().ToList();
        var current = (await db.SelectListValues.AsNoTracking().Where(v => fields.Contains(v.Field)).Select(v => new { v.Field, v.Value }).ToListAsync(ct))
            .Select(v => (v.Field, v.Value)).ToHashSet();
        var columns = new List<(int, Dictionary<string, string>)>();
        for (var index = 0; index < domain.Columns.Count; index++)
        {
            var column = domain.Columns[index];
            if (!domain.SelectListColumns.Contains(column))
            {
                continue;
            }

            var renamed = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var rename in renames.Where(r => r.Field == column))
            {
                // A value renamed twice (A to B, then B to C) is written with its last text.
                foreach (var earlier in renamed.Where(p => p.Value == rename.OldValue).Select(p => p.Key).ToList())
                {
                    renamed[earlier] = rename.NewValue;
                }

                renamed.TryAdd(rename.OldValue, rename.NewValue);
            }

            // A text that is a value of the list again (added back after the rename) is kept as it is.
            foreach (var again in renamed.Keys.Where(text => current.Contains((column, text))).ToList())
            {
                renamed.Remove(again);
            }

            if (renamed.Count > 0)
            {
                columns.Add((index, renamed));
            }
        }

        return columns.Count == 0 ? null : new SelectListRelabel(columns);
    }

    /// <summary>
    /// The row with each renamed value's current text; the same row when it holds none. Only the select-list cells are
    /// decoded to find out, so a row without a renamed value costs no more than those.
    /// </summary>
    public CommitRow Apply(CommitRow row) =>
        _columns.Exists(c => !row.IsBlank(c.Index) && c.Renamed.ContainsKey(Encoding.UTF8.GetString(row.Utf8(c.Index))))
            ? new CommitRow(row.RowNumber, row.Action, Apply(row.Values))
            : row;

    /// <summary>The values with each renamed value's current text; the same array when they hold none.</summary>
    public string?[] Apply(string?[] values)
    {
        string?[]? relabelled = null;
        foreach (var (index, renamed) in _columns)
        {
            if (index < values.Length && values[index] is { Length: > 0 } value && renamed.TryGetValue(value, out var text))
            {
                relabelled ??= (string?[])values.Clone();
                relabelled[index] = text;
            }
        }

        return relabelled ?? values;
    }
}
