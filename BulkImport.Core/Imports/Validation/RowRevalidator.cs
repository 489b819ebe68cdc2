using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Domains.Common;
using BulkImport.Core.Imports.Commit;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Validation;

/// <summary>
/// Revalidates an edited or skipped row at once, with every row that shares its old or new key, and keeps the
/// import's counts in step: the work of one short transaction, whatever the size of the import.
/// </summary>
public sealed class RowRevalidator(TimeProvider clock)
{
    /// <summary>
    /// Applies the operator's <paramref name="changes"/> to <paramref name="row"/>'s cells (or skips it) and revalidates
    /// what depends on it. Changes are tracked by <paramref name="db"/>. Select-list values renamed since the upload get
    /// their current text first in every row revalidated (<see cref="SelectListRelabel"/>), as the commit would write
    /// them, so a rename never turns a row the operator did not touch into an error.
    /// </summary>
    public async Task ReviseAsync(BulkImportDbContext db, Import import, IImportDomain domain, ImportRow row, IReadOnlyDictionary<string, string?>? changes, bool skip, CancellationToken ct)
    {
        var relabel = await SelectListRelabel.LoadAsync(db, domain, import.CreatedAt, ct);
        var settings = new ValidationSettings(import.Operation, import.PresentColumns, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (row.RowKey is not null)
        {
            keys.Add(row.RowKey);
        }

        RowCounts.Add(import, row.Status, row.Action, -1);
        if (skip)
        {
            row.Status = RowStatus.Skipped;
            row.Action = RowAction.None;
            row.Messages = [];
            row.SkippedByOperator = true;
        }
        else
        {
            var current = relabel?.Apply(row.Values) ?? row.Values;
            row.Values = changes is null ? current : Merge(domain, current, changes);
            row.SkippedByOperator = false;
            var validator = await domain.CreateValidatorAsync(db, settings, [row.Values], ct);
            Apply(row, validator.Validate(row.RowNumber, row.Values));
            if (row.RowKey is not null)
            {
                keys.Add(row.RowKey);
            }
        }

        RowCounts.Add(import, row.Status, row.Action);
        if (keys.Count == 0)
        {
            return;
        }

        var others = await KeyedRows.Of(db, import.Id, keys)
            .Where(r => r.RowNumber != row.RowNumber && (r.Status == RowStatus.Valid || r.Status == RowStatus.Error))
            .ToListAsync(ct);
        if (others.Count > 0)
        {
            if (relabel is not null)
            {
                others.ForEach(other => other.Values = relabel.Apply(other.Values));
            }

            // The rows sharing a key are validated again together, in row order, by one validator, as staging met them:
            // in a domain whose rows of one key depend on each other (payments of one invoice, whose running total may
            // not pass its balance) the edited row's verdict depends on the rows before it.
            List<ImportRow> group = skip ? others : [row, .. others];
            group.Sort((a, b) => a.RowNumber.CompareTo(b.RowNumber));
            var validator = await domain.CreateValidatorAsync(db, settings, group.ConvertAll(o => o.Values), ct);
            foreach (var member in group)
            {
                RowCounts.Add(import, member.Status, member.Action, -1);
                Apply(member, validator.Validate(member.RowNumber, member.Values));
                RowCounts.Add(import, member.Status, member.Action);
            }
        }

        var live = skip ? others : [row, .. others];
        foreach (var group in live.Where(r => r.RowKey is not null).GroupBy(r => r.RowKey!))
        {
            _ = DuplicateKeyRule.Mark(import, domain, [.. group.OrderBy(r => r.RowNumber)]).ToList();
        }
    }

    private static void Apply(ImportRow row, RowValidation result)
    {
        row.Status = result.Status;
        row.Action = result.Action;
        row.Messages = result.Messages;
        row.RowKey = result.RowKey;
    }

    /// <summary>Turns {"Column Name": "value"} into a full row of values, matching names as headers are matched.</summary>
    public static string?[] Merge(IImportDomain domain, string?[] current, IReadOnlyDictionary<string, string?> changes)
    {
        var values = current.Length == domain.Columns.Count ? (string?[])current.Clone() : new string?[domain.Columns.Count];
        foreach (var (name, value) in changes)
        {
            var index = -1;
            var wanted = Csv.HeaderName.Normalize(name);
            for (var i = 0; i < domain.Columns.Count; i++)
            {
                if (Csv.HeaderName.Normalize(domain.Columns[i]) == wanted)
                {
                    index = i;
                    break;
                }
            }

            if (index < 0)
            {
                throw ImportProblem.BadRequest($"'{name}' is not a column of the {domain.Domain} template. The columns are: {string.Join(", ", domain.Columns)}.");
            }

            values[index] = CellText.Clean(value?.Trim() ?? "");
        }

        return values;
    }
}
