using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Imports.Validation;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Fixes;

/// <summary>
/// Revalidates a batch of changed (or skipped) rows at once, with the rows that share their old or new keys, and keeps
/// the import's counts in step: what <see cref="RowRevalidator"/> does for one row, done for many with a bounded number
/// of queries per batch (one validator for the batch, one count of every key's rows, one read of the small key groups),
/// so a replace in 20,000 rows never touches the database once per row.
/// </summary>
/// <remarks>
/// As for one row, a key group of <see cref="DuplicateKeyRule.LargeGroup"/> other rows or more is not read: its other rows
/// are errors before and after, and their duplicate-key message is computed when read. Smaller groups are validated
/// again together, in row order, by one validator, as staging met them.
/// </remarks>
public sealed class RowBatchRevision(TimeProvider clock)
{
    /// <summary>
    /// Gives each of <paramref name="rows"/> (read untracked) the values <paramref name="change"/> makes of its current
    /// ones, or skips them all when <paramref name="change"/> is null, and revalidates what depends on them. The import's
    /// counts move in memory; returns every row changed or revalidated (the batch's and those of their keys' groups) with
    /// its state as read, for the caller to save with the difference of the counts.
    /// </summary>
    public async Task<IReadOnlyList<RevisedRow>> ReviseAsync(BulkImportDbContext db, Import import, IImportDomain domain, IReadOnlyList<ImportRow> rows,
        Func<string?[], string?[]>? change, SelectListRelabel? relabel, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var revised = rows.Select(r => new RevisedRow(r)).ToList();

        var settings = ValidationSettings.Of(import, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        var inBatch = rows.Select(r => r.RowNumber).ToHashSet();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Status != RowStatus.Skipped && row.RowKey is { } oldKey)
            {
                keys.Add(oldKey);
            }

            RowCounts.Add(import, row.Status, row.Action, -1);
        }

        var ordered = rows.OrderBy(r => r.RowNumber).ToList();
        if (change is null)
        {
            foreach (var row in ordered)
            {
                row.Status = RowStatus.Skipped;
                row.Action = RowAction.None;
                row.Messages = [];
                row.SkippedByOperator = true;
                row.RowKey = null;
            }
        }
        else
        {
            foreach (var row in ordered)
            {
                row.Values = change(relabel?.Apply(row.Values) ?? row.Values);
                row.SkippedByOperator = false;
            }

            var validator = await domain.CreateValidatorAsync(db, settings, ordered.ConvertAll(r => r.Values), ct);
            foreach (var row in ordered)
            {
                Apply(row, validator.Validate(row.RowNumber, row.Values, row.Messages));
                if (row.RowKey is { } newKey)
                {
                    keys.Add(newKey);
                }
            }
        }

        if (keys.Count > 0)
        {
            revised.AddRange(await ReviseGroupsAsync(db, import, domain, settings, relabel, ordered, inBatch, keys, ct));
        }

        foreach (var row in ordered)
        {
            RowCounts.Add(import, row.Status, row.Action);
        }

        return revised;
    }

    /// <summary>Revalidates the keys' groups; returns their other rows that were read, with their state as read.</summary>
    private static async Task<List<RevisedRow>> ReviseGroupsAsync(BulkImportDbContext db, Import import, IImportDomain domain, ValidationSettings settings,
        SelectListRelabel? relabel, List<ImportRow> batch, HashSet<int> inBatch, HashSet<string> keys, CancellationToken ct)
    {
        var othersOf = await KeyCounts.OfAsync(db, import.Id, keys, inBatch, ct);
        bool IsLarge(string key) => domain.KeyIsUnique && othersOf.GetValueOrDefault(key) >= DuplicateKeyRule.LargeGroup;

        // The other rows of the small groups, read in one query (untracked: the batch's own rows come back as copies, left out).
        var smallKeys = keys.Where(k => othersOf.GetValueOrDefault(k) > 0 && !IsLarge(k)).ToList();
        var others = smallKeys.Count == 0 ? [] : (await KeyedRows.Of(db, import.Id, smallKeys).AsNoTracking()
            .Where(r => r.Status == RowStatus.Valid || r.Status == RowStatus.Error)
            .ToListAsync(ct)).Where(r => !inBatch.Contains(r.RowNumber)).ToList();
        var revised = others.ConvertAll(other => new RevisedRow(other));
        if (others.Count > 0)
        {
            foreach (var other in others)
            {
                if (relabel is not null)
                {
                    other.Values = relabel.Apply(other.Values);
                }

                RowCounts.Add(import, other.Status, other.Action, -1);
            }

            // Every row of the small groups, batch rows among them, validated again together in row order by one validator.
            var smallKeySet = smallKeys.ToHashSet(StringComparer.Ordinal);
            var members = others.Concat(batch.Where(r => r.RowKey is { } k && smallKeySet.Contains(k))).OrderBy(r => r.RowNumber).ToList();
            var validator = await domain.CreateValidatorAsync(db, settings, members.ConvertAll(r => r.Values), ct);
            foreach (var member in members)
            {
                Apply(member, validator.Validate(member.RowNumber, member.Values, member.Messages));
            }
        }

        if (domain.KeyIsUnique)
        {
            await MarkRepeatedKeysAsync(db, import.Id, domain, batch.Concat(others), inBatch, keys, othersOf, IsLarge, ct);
        }

        others.ForEach(other => RowCounts.Add(import, other.Status, other.Action));
        return revised;
    }

    /// <summary>Marks every row (of the batch and of the small groups read) whose key two or more rows now share.</summary>
    private static async Task MarkRepeatedKeysAsync(BulkImportDbContext db, int importId, IImportDomain domain, IEnumerable<ImportRow> known,
        HashSet<int> inBatch, HashSet<string> keys, Dictionary<string, int> othersOf, Func<string, bool> isLarge, CancellationToken ct)
    {
        foreach (var sameKey in known.Where(r => r.RowKey is { } k && keys.Contains(k)).GroupBy(r => r.RowKey!, StringComparer.Ordinal))
        {
            var members = sameKey.OrderBy(r => r.RowNumber).ToList();
            KeyGroup group;
            if (isLarge(sameKey.Key))
            {
                // The group's other rows are not read: its size and first rows come from the key index.
                await db.Database.OpenConnectionAsync(ct);
                try
                {
                    using var groups = new KeyGroups(db.Database.GetDbConnection(), importId);
                    var count = othersOf[sameKey.Key] + members.Count;
                    var first = groups.First(sameKey.Key, DuplicateKeyRule.LargeGroup + inBatch.Count).Where(n => !inBatch.Contains(n));
                    group = new KeyGroup(count, [.. first.Concat(members.Select(m => m.RowNumber)).Order().Take(DuplicateKeyRule.Listed + 1)]);
                }
                finally
                {
                    await db.Database.CloseConnectionAsync();
                }
            }
            else if (members.Count >= 2)
            {
                group = new KeyGroup(members.Count, [.. members.Select(r => r.RowNumber).Take(DuplicateKeyRule.Listed + 1)]);
            }
            else
            {
                continue;
            }

            members.ForEach(member => DuplicateKeyRule.Mark(member, domain, group));
        }
    }

    private static void Apply(ImportRow row, RowValidation result)
    {
        row.Status = result.Status;
        row.Action = result.Action;
        row.Messages = result.Messages;
        row.RowKey = result.RowKey;
    }
}
