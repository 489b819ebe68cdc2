using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Domains.Common;
using BulkImport.Core.Imports.Commit;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Validation;

/// <summary>
/// Revalidates an edited or skipped row at once, with the rows that share its old or new key, and keeps the import's
/// counts in step: the work of one short transaction, whatever the size of the import and of the key's group.
/// </summary>
/// <remarks>
/// A key group of up to <see cref="DuplicateKeyRule.LargeGroup"/> rows is revalidated whole, as it always was. In a larger
/// group (a Client ID filled down a million rows) the other rows are errors before the edit and after it, whatever else
/// revalidating them would find, and only the list and count of their duplicate-key message change, which is computed
/// when they are read (<see cref="DuplicateKeyMessages"/>): the edit changes its own row, and reads the group's size and
/// first rows in the key index (docs/decisions.md, "Pathological files").
/// </remarks>
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
        var settings = ValidationSettings.Of(import, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        // A skipped row takes no part in the duplicate rule (rows skipped before skipped rows lost their key may still have one).
        var oldKey = row.Status == RowStatus.Skipped ? null : row.RowKey;

        RowCounts.Add(import, row.Status, row.Action, -1);
        if (skip)
        {
            row.Status = RowStatus.Skipped;
            row.Action = RowAction.None;
            row.Messages = [];
            row.SkippedByOperator = true;
            // Out of the key index: the size of a key group is then its count of index entries (KeyGroups).
            row.RowKey = null;
        }
        else
        {
            var current = relabel?.Apply(row.Values) ?? row.Values;
            row.Values = changes is null ? current : Merge(domain, current, changes);
            row.SkippedByOperator = false;
            var validator = await domain.CreateValidatorAsync(db, settings, [row.Values], ct);
            Apply(row, validator.Validate(row.RowNumber, row.Values, row.Messages));
        }

        foreach (var key in new[] { oldKey, row.RowKey }.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            await ReviseGroupAsync(db, import, domain, settings, relabel, row, key, ct);
        }

        RowCounts.Add(import, row.Status, row.Action);
    }

    /// <summary>
    /// The rows of <paramref name="key"/> other than <paramref name="row"/> (as the database has them: the edit is not saved
    /// yet) are revalidated with <paramref name="row"/> when they are few; <paramref name="row"/> is marked when it has
    /// the key and others have it too.
    /// </summary>
    private static async Task ReviseGroupAsync(BulkImportDbContext db, Import import, IImportDomain domain, ValidationSettings settings,
        SelectListRelabel? relabel, ImportRow row, string key, CancellationToken ct)
    {
        var hasKey = row.RowKey == key;
        if (domain.KeyIsUnique)
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                using var groups = new KeyGroups(db.Database.GetDbConnection(), import.Id);
                var first = groups.First(key, DuplicateKeyRule.LargeGroup, exceptRow: row.RowNumber);
                if (first.Count >= DuplicateKeyRule.LargeGroup)
                {
                    // A large group stays large (at least LargeGroup other rows): its other rows are errors either way.
                    if (hasKey)
                    {
                        var count = groups.Count(key, exceptRow: row.RowNumber) + 1;
                        DuplicateKeyRule.Mark(row, domain, new KeyGroup(count, [.. first.Append(row.RowNumber).Order().Take(DuplicateKeyRule.Listed + 1)]));
                    }

                    return;
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        // A group of fewer than LargeGroup other rows (or a key rows may share): all of them, revalidated with the edited row.
        var others = await KeyedRows.Of(db, import.Id, [key])
            .Where(r => r.RowNumber != row.RowNumber && (r.Status == RowStatus.Valid || r.Status == RowStatus.Error))
            .ToListAsync(ct);
        List<ImportRow> group = hasKey ? [row, .. others] : others;
        if (others.Count > 0)
        {
            if (relabel is not null)
            {
                others.ForEach(other => other.Values = relabel.Apply(other.Values));
            }

            others.ForEach(other => RowCounts.Add(import, other.Status, other.Action, -1));
            // The rows sharing a key are validated again together, in row order, by one validator, as staging met them:
            // in a domain whose rows of one key depend on each other (payments of one invoice, whose running total may
            // not pass its balance) the edited row's verdict depends on the rows before it.
            group.Sort((a, b) => a.RowNumber.CompareTo(b.RowNumber));
            var validator = await domain.CreateValidatorAsync(db, settings, group.ConvertAll(o => o.Values), ct);
            foreach (var member in group)
            {
                Apply(member, validator.Validate(member.RowNumber, member.Values, member.Messages));
            }
        }

        if (domain.KeyIsUnique && group.Count >= 2)
        {
            var keyGroup = new KeyGroup(group.Count, [.. group.Select(r => r.RowNumber).Order().Take(DuplicateKeyRule.Listed + 1)]);
            group.ForEach(member => DuplicateKeyRule.Mark(member, domain, keyGroup));
        }

        others.ForEach(other => RowCounts.Add(import, other.Status, other.Action));
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
        // Two names of one column ("Email" and "email") are refused: the last one won without a word (outside audit).
        var named = new Dictionary<int, string>();
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

            if (!named.TryAdd(index, name))
            {
                throw ImportProblem.BadRequest($"'{named[index]}' and '{name}' both name the column {domain.Columns[index]}. Send one value for it.");
            }

            values[index] = CellText.Clean(value?.Trim() ?? "");
        }

        return values;
    }
}
