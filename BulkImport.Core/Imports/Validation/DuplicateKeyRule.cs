using System.Data.Common;
using System.Globalization;
using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Imports.Validation;

/// <summary>The rows that share one key: how many they are and the first row numbers among them (at most <see cref="DuplicateKeyRule.Listed"/> + 1).</summary>
public sealed record KeyGroup(int Count, IReadOnlyList<int> First);

/// <summary>
/// The same key on two or more rows of one file: each of those rows is an error naming the others (SPEC 6, 7). A row's
/// message lists the first <see cref="Listed"/> other rows and counts the rest ("also appears on rows 2, 3, ... and
/// 999,989 more"), so it is computed from the group's size and its first row numbers, which the key index gives at once
/// (<see cref="KeyGroups"/>): the rule never holds the rows of a key in memory, and its work is linear in them.
/// Only for the domains whose key is unique in a file (<see cref="IImportDomain.KeyIsUnique"/>).
/// </summary>
/// <remarks>
/// A message of a group of at most <see cref="LargeGroup"/> - 1 rows names every other row and is stored as written
/// (<see cref="Code"/>): any change to such a group rewrites its rows, a bounded number. A message of a larger group
/// (<see cref="LargeGroupCode"/>) changes whenever a row joins or leaves the group, and rewriting up to a million rows
/// for each edit is what made an edit answer 500; its text is recomputed from the group when the row is read
/// (<see cref="DuplicateKeyMessages"/>). docs/decisions.md, "Pathological files".
/// </remarks>
public static class DuplicateKeyRule
{
    /// <summary>A duplicate-key message that names every other row of its group, exact as stored.</summary>
    public const string Code = "duplicate-key";

    /// <summary>A duplicate-key message of a group of <see cref="LargeGroup"/> rows or more: its list and count are recomputed when read.</summary>
    public const string LargeGroupCode = "duplicate-key-large";

    /// <summary>Other rows a message lists by number; the rest are counted.</summary>
    public const int Listed = 10;

    /// <summary>From this size on, a row's message cannot name every other row, and the group's messages are recomputed when read.</summary>
    public const int LargeGroup = Listed + 2;

    /// <summary>Rows changed per transaction of <see cref="ApplyAsync"/>.</summary>
    private const int RowsPerTransaction = 10_000;

    /// <summary>
    /// What the staging gives a row whose key it has seen on an earlier row (<see cref="RowStatus.Error"/>, appended to the
    /// row's own messages): a message of a large group, whose text is the group's when read. The staging keeps only a hash
    /// of each key, so the first row of each key, and rows whose key only shares a hash with an earlier one, are settled by
    /// <see cref="ApplyAsync"/> after the reading.
    /// </summary>
    public static RowMessage Provisional(IImportDomain domain, string key) =>
        new(domain.KeyColumn, $"{domain.DescribeKey(key)} also appears on other rows. Keep one row per key: fix or skip the others.", LargeGroupCode);

    /// <summary>
    /// After staging, for each of <paramref name="keys"/> (those whose hash the staging saw twice or more), with the
    /// rows after the first of each key already marked (<see cref="Provisional"/>): marks the first row of a key that
    /// repeats, gives every row of a group of fewer than <see cref="LargeGroup"/> rows its exact message, and gives a row
    /// marked only for sharing a hash its own verdict back (<paramref name="validator"/>). A bounded number of rows per key
    /// whatever the key's size; the import's counts change by the rows' old and new status.
    /// </summary>
    public static async Task ApplyAsync(BulkImportDbContext db, Import import, IImportDomain domain, IRowValidator validator, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        if (keys.Count == 0 || !domain.KeyIsUnique)
        {
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            using var groups = new KeyGroups(connection, import.Id);
            using var transactions = new ChunkedTransaction(connection, ct);
            foreach (var key in keys)
            {
                transactions.Wrote(SettleGroup(groups, import, domain, validator, key));
            }

            transactions.Commit();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Settles the rows of one key (see <see cref="ApplyAsync"/>); returns how many rows it changed.</summary>
    private static int SettleGroup(KeyGroups groups, Import import, IImportDomain domain, IRowValidator validator, string key)
    {
        var first = groups.Rows(key, LargeGroup);
        if (first.Count == 0)
        {
            return 0;
        }

        var count = first.Count < LargeGroup ? first.Count : groups.Count(key);
        if (count == 1)
        {
            // Alone, yet marked: its key's hash was that of an earlier row's key. Its own verdict, as the staging made it.
            var row = first[0];
            if (!RowJson.DeserializeMessages(row.MessagesJson).Exists(IsDuplicateKey))
            {
                return 0;
            }

            var own = validator.Validate(row.RowNumber, RowJson.DeserializeValues(row.ValuesJson), RowJson.DeserializeMessages(row.MessagesJson));
            Update(groups, import, row, own.Status, own.Action, own.Messages);
            return 1;
        }

        var group = new KeyGroup(count, [.. first.Take(Listed + 1).Select(r => r.RowNumber)]);
        var changed = 0;
        foreach (var row in first)
        {
            var messages = RowJson.DeserializeMessages(row.MessagesJson);
            // In a large group a marked row's message is recomputed when read: only an unmarked row (a key's first) changes.
            if (count >= LargeGroup && messages.Exists(IsDuplicateKey))
            {
                continue;
            }

            messages.RemoveAll(IsDuplicateKey);
            messages.Add(Message(domain, key, row.RowNumber, group));
            Update(groups, import, row, RowStatus.Error, RowAction.None, messages);
            changed++;
        }

        return changed;
    }

    private static void Update(KeyGroups groups, Import import, KeyedRow row, RowStatus status, RowAction action, List<RowMessage> messages)
    {
        RowCounts.Add(import, row.Status, row.Action, -1);
        RowCounts.Add(import, status, action);
        groups.Update(row.RowNumber, status, action, messages);
    }

    private static bool IsDuplicateKey(RowMessage message) => message.Code is Code or LargeGroupCode;

    /// <summary>
    /// A transaction committed and begun again after about <see cref="RowsPerTransaction"/> rows were changed, so a file of
    /// many repeated keys neither holds the write lock to its end nor grows the WAL by its size; a cancel is noticed between two.
    /// </summary>
    private sealed class ChunkedTransaction(DbConnection connection, CancellationToken ct) : IDisposable
    {
        private DbTransaction _transaction = connection.BeginTransaction();
        private int _written;

        public void Wrote(int rows)
        {
            _written += rows;
            if (_written >= RowsPerTransaction)
            {
                Commit();
                ct.ThrowIfCancellationRequested();
                _transaction = connection.BeginTransaction();
            }
        }

        public void Commit()
        {
            _transaction.Commit();
            _transaction.Dispose();
            _written = 0;
        }

        public void Dispose() => _transaction.Dispose();
    }

    /// <summary>Makes <paramref name="row"/> (in memory) an error of a repeated key, keeping its other messages.</summary>
    public static void Mark(ImportRow row, IImportDomain domain, KeyGroup group)
    {
        row.Messages.Add(Message(domain, row.RowKey!, row.RowNumber, group));
        row.Status = RowStatus.Error;
        row.Action = RowAction.None;
    }

    /// <summary>
    /// Marks each row of <paramref name="sameKey"/> (rows in memory sharing one key, all of the group) when they are two
    /// or more, keeping <paramref name="import"/>'s counts in step.
    /// </summary>
    public static void Mark(Import import, IImportDomain domain, IReadOnlyCollection<ImportRow> sameKey)
    {
        if (sameKey.Count < 2 || !domain.KeyIsUnique)
        {
            return;
        }

        var group = new KeyGroup(sameKey.Count, [.. sameKey.Select(r => r.RowNumber).Order().Take(Listed + 1)]);
        foreach (var row in sameKey)
        {
            RowCounts.Add(import, row.Status, row.Action, -1);
            Mark(row, domain, group);
            RowCounts.Add(import, row.Status, row.Action);
        }
    }

    /// <summary>The message of row <paramref name="rowNumber"/> of <paramref name="group"/> (a row after the listed ones for any number beyond them).</summary>
    public static RowMessage Message(IImportDomain domain, string key, int rowNumber, KeyGroup group)
    {
        var others = group.First.Where(n => n != rowNumber).Take(Listed).ToList();
        var more = group.Count - 1 - others.Count;
        var rowsWord = group.Count == 2 ? "row" : "rows";
        var listed = string.Join(", ", others) + (more > 0 ? string.Create(CultureInfo.InvariantCulture, $" and {more:N0} more") : "");
        return new RowMessage(domain.KeyColumn,
            $"{domain.DescribeKey(key)} also appears on {rowsWord} {listed}. Keep one row per key: fix or skip the others.",
            group.Count >= LargeGroup ? LargeGroupCode : Code);
    }
}
