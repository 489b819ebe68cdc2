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

    /// <summary>Rows of a key marked per statement, and about the rows changed per transaction.</summary>
    private const int RowsPerChunk = 10_000;

    /// <summary>
    /// After staging: marks the rows of each of <paramref name="keys"/> that appears on two or more rows, in the database,
    /// a chunk of rows per statement and about a chunk per transaction; the import's counts change by the rows' old and new
    /// status. <paramref name="keys"/> may hold keys that appear once (the staging keeps only a hash of each key).
    /// </summary>
    public static async Task ApplyAsync(BulkImportDbContext db, Import import, IImportDomain domain, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        if (keys.Count == 0)
        {
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            using var session = SqliteSession.HotWriter(connection);
            using var groups = new KeyGroups(connection, import.Id);
            using var transactions = new ChunkedTransaction(connection, ct);
            foreach (var key in keys)
            {
                MarkGroup(groups, import, domain, key, transactions);
            }

            transactions.Commit();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Marks the rows of one key when it has two or more, a chunk of rows at a time.</summary>
    private static void MarkGroup(KeyGroups groups, Import import, IImportDomain domain, string key, ChunkedTransaction transactions)
    {
        var chunk = groups.Rows(key, 0, RowsPerChunk);
        if (chunk.Count < 2)
        {
            return;
        }

        var group = new KeyGroup(chunk.Count < RowsPerChunk ? chunk.Count : groups.Count(key), [.. chunk.Take(Listed + 1).Select(r => r.RowNumber)]);
        // The listed rows each name the other listed ones; every row after them names the same first rows.
        foreach (var number in group.First)
        {
            groups.Mark(number, RowStatus.Error, RowAction.None, Message(domain, key, number, group));
        }

        var rest = group.Count > group.First.Count ? Message(domain, key, int.MaxValue, group) : null;
        var after = group.First[^1];
        while (chunk.Count > 0)
        {
            foreach (var row in chunk)
            {
                RowCounts.Add(import, row.Status, row.Action, -1);
                RowCounts.Add(import, RowStatus.Error, RowAction.None);
            }

            var last = chunk[^1].RowNumber;
            if (rest is not null && last > after)
            {
                groups.Mark(key, after, last, RowStatus.Error, RowAction.None, rest);
                after = last;
            }

            transactions.Wrote(chunk.Count);
            chunk = chunk.Count < RowsPerChunk ? [] : groups.Rows(key, last, RowsPerChunk);
        }
    }

    /// <summary>
    /// A transaction committed and begun again after about <see cref="RowsPerChunk"/> rows were written, so a key of a
    /// million rows neither holds the write lock to its end nor grows the WAL by its size; a cancel is noticed between two.
    /// </summary>
    private sealed class ChunkedTransaction(DbConnection connection, CancellationToken ct) : IDisposable
    {
        private DbTransaction _transaction = connection.BeginTransaction();
        private int _written;

        public void Wrote(int rows)
        {
            _written += rows;
            if (_written >= RowsPerChunk)
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
        if (sameKey.Count < 2)
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
