using System.Text;
using BulkImport.Core.Data.Configurations;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Fixes;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Data;

/// <summary>
/// The problem groups table (<see cref="ProblemGroupCount"/>): counts added in set-based statements, a batch of groups
/// at a time, in the transaction of the row changes they follow. The upsert (INSERT … ON CONFLICT DO UPDATE) is written
/// as both SQLite and PostgreSQL read it.
/// </summary>
public static class ProblemGroupCounts
{
    /// <summary>Groups per statement: 8 parameters each, far under any engine's limit.</summary>
    private const int GroupsPerStatement = 100;

    /// <summary>Error rows read at a time when an import's groups are counted after staging.</summary>
    private const int RowsPerRead = 5000;

    /// <summary>Adds a batch's change to the import's groups; groups left with no rows are deleted.</summary>
    /// <remarks>
    /// Through the engine's prepared statements, bound by position, each prepared once a call: as an ADO.NET command
    /// each statement's 800 named parameters were matched by name one by one (quadratic), about 0.4 s a batch of 5,000
    /// groups. Only the groups that lost rows are looked at for deletion, each by its key: deleting every empty group of
    /// the import read all of its groups for each batch (a skip of 50,000 error rows with as many groups read 500,000).
    /// </remarks>
    public static async Task AddAsync(BulkImportDbContext db, int importId, ProblemGroupChange change, CancellationToken ct)
    {
        var moves = change.Moves.ToList();
        if (moves.Count == 0)
        {
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            var engine = DatabaseEngine.Of(connection);
            PreparedStatement? upsert = null;
            PreparedStatement? delete = null;
            try
            {
                for (var start = 0; start < moves.Count; start += GroupsPerStatement)
                {
                    var chunk = moves.GetRange(start, Math.Min(GroupsPerStatement, moves.Count - start));
                    if (upsert is null || chunk.Count < GroupsPerStatement)
                    {
                        upsert?.Dispose();
                        upsert = engine.Prepare(connection, UpsertSql(chunk.Count));
                    }

                    var p = 1;
                    foreach (var (key, code, value, message, count) in chunk)
                    {
                        // PostgreSQL's text cannot hold U+0000 (a NUL read from a UTF-16 cell is a cell error, not a reason to fail the
                        // file): the group keeps it as U+FFFD, on both engines alike (docs/decisions.md, "Problem groups and NUL").
                        upsert.Bind(p++, importId);
                        upsert.Bind(p++, key.Column);
                        upsert.Bind(p++, key.Rule);
                        upsert.Bind(p++, WithoutNul(key.ValueKey));
                        upsert.Bind(p++, code);
                        upsert.Bind(p++, WithoutNul(value));
                        upsert.Bind(p++, WithoutNul(message));
                        upsert.Bind(p++, count);
                    }

                    upsert.Execute();
                    var emptied = chunk.Where(m => m.Count < 0).Select(m => m.Key).ToList();
                    if (emptied.Count > 0)
                    {
                        delete ??= engine.Prepare(connection, DeleteEmptiedSql(GroupsPerStatement));
                        delete.Bind(1, importId);
                        for (var i = 0; i < GroupsPerStatement; i++)
                        {
                            // Unused places repeat a key of the chunk: one statement for any number of groups.
                            var key = emptied[Math.Min(i, emptied.Count - 1)];
                            delete.Bind(2 + (3 * i), key.Column);
                            delete.Bind(3 + (3 * i), key.Rule);
                            delete.Bind(4 + (3 * i), WithoutNul(key.ValueKey));
                        }

                        delete.Execute();
                    }
                }
            }
            finally
            {
                upsert?.Dispose();
                delete?.Dispose();
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string UpsertSql(int groups)
    {
        var sql = new StringBuilder("""INSERT INTO "ImportProblemGroups" ("ImportId", "Column", "Rule", "ValueKey", "Code", "Value", "Message", "Count") VALUES """);
        for (var g = 0; g < groups; g++)
        {
            var p = (8 * g) + 1;
            sql.Append(g == 0 ? "" : ", ").Append($"(?{p}, ?{p + 1}, ?{p + 2}, ?{p + 3}, ?{p + 4}, ?{p + 5}, ?{p + 6}, ?{p + 7})");
        }

        return sql.Append("""
             ON CONFLICT ("ImportId", "Column", "Rule", "ValueKey") DO UPDATE SET "Count" = "ImportProblemGroups"."Count" + excluded."Count"
            """).ToString();
    }

    /// <summary>
    /// Deletes those of <paramref name="groups"/> keys (?1 the import, then column, rule and value key of each) that have no
    /// rows left: an OR of whole keys, each sought in the key's index (a row-value <c>IN</c> read all the import's groups).
    /// </summary>
    internal static string DeleteEmptiedSql(int groups)
    {
        // The import in each term: with it outside the OR, SQLite read the import's groups instead.
        var keys = string.Join(" OR ", Enumerable.Range(0, groups)
            .Select(i => $"""("ImportId" = ?1 AND "Column" = ?{2 + (3 * i)} AND "Rule" = ?{3 + (3 * i)} AND "ValueKey" = ?{4 + (3 * i)})"""));
        return $"""DELETE FROM "ImportProblemGroups" WHERE "Count" <= 0 AND ({keys})""";
    }

    /// <summary>
    /// Counts the groups of a freshly staged import from its Error rows (after the duplicate rule settled their
    /// messages), replacing any a previous, interrupted reading left. The Error rows are read in the not-Valid index,
    /// <see cref="RowsPerRead"/> at a time, through the engine's prepared statement: their values and messages as the
    /// UTF-8 JSON they are stored as, and only the values a message names made into strings. (Materialised by EF Core,
    /// every value and message made a string; a file whose million rows are all errors spent seconds here.) Each read's
    /// groups are added in one go.
    /// </summary>
    public static async Task CountStagedAsync(BulkImportDbContext db, int importId, IImportDomain domain, CancellationToken ct)
    {
        await db.ProblemGroupCounts.Where(g => g.ImportId == importId).ExecuteDeleteAsync(ct);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            using var errorRows = DatabaseEngine.Of(connection).Prepare(connection, $"""
                SELECT "RowNumber", "Values", "Messages" FROM "ImportRows"
                WHERE "ImportId" = ?1 AND {ImportRowConfiguration.NotValidFilter} AND "Status" = ?2 AND "RowNumber" > ?3
                ORDER BY "RowNumber" LIMIT ?4
                """);
            var after = 0;
            while (true)
            {
                errorRows.Bind(1, importId);
                errorRows.Bind(2, (int)RowStatus.Error);
                errorRows.Bind(3, after);
                errorRows.Bind(4, RowsPerRead);
                var change = new ProblemGroupChange(domain);
                var read = 0;
                while (errorRows.Read())
                {
                    after = errorRows.GetInt32(0);
                    // Values first: on some engines the next column's text reuses the buffer this one's is in.
                    RowJson.DeserializeValuesUtf8(errorRows.GetUtf8(1), out var text, out var bounds);
                    change.Add(RowStatus.Error, RowJson.DeserializeMessages(errorRows.GetUtf8(2)), index => RowJson.ValueAt(text, bounds, index), 1);
                    read++;
                }

                if (read == 0)
                {
                    return;
                }

                ct.ThrowIfCancellationRequested();
                await AddAsync(db, importId, change, ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A page of the import's groups, most rows first, with the number of groups.</summary>
    public static async Task<(List<ProblemGroupCount> Items, int Total)> PageAsync(BulkImportDbContext db, int importId, int skip, int take, CancellationToken ct)
    {
        var groups = db.ProblemGroupCounts.AsNoTracking().Where(g => g.ImportId == importId && g.Count > 0);
        var items = await groups.OrderByDescending(g => g.Count).ThenBy(g => g.Column).ThenBy(g => g.Rule).ThenBy(g => g.ValueKey)
            .Skip(skip).Take(take).ToListAsync(ct);
        var total = items.Count < take && (skip == 0 || items.Count > 0) ? skip + items.Count : await groups.CountAsync(ct);
        return (items, total);
    }

    private static string? WithoutNul(string? text) => text?.Replace('\0', '\uFFFD');
}
