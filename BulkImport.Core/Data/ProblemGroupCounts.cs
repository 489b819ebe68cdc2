using System.Text;
using BulkImport.Core.Data.Configurations;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Fixes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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
    public static async Task AddAsync(BulkImportDbContext db, int importId, ProblemGroupChange change, CancellationToken ct)
    {
        var moves = change.Moves.ToList();
        if (moves.Count > 0)
        {
            // A command of its own, not ExecuteSqlRaw: EF maps no store type for a null (DBNull) raw parameter, and a
            // group's code and value may be null (a message on no column, or without a code).
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                for (var start = 0; start < moves.Count; start += GroupsPerStatement)
                {
                    await using var command = db.Database.GetDbConnection().CreateCommand();
                    command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                    var sql = new StringBuilder("""INSERT INTO "ImportProblemGroups" ("ImportId", "Column", "Rule", "ValueKey", "Code", "Value", "Message", "Count") VALUES """);
                    var p = 0;
                    foreach (var (key, code, value, message, count) in moves.Skip(start).Take(GroupsPerStatement))
                    {
                        sql.Append(p == 0 ? "" : ", ").Append('(');
                        // PostgreSQL's text cannot hold U+0000 (a NUL read from a UTF-16 cell is a cell error, not a reason to fail the
                        // file): the group keeps it as U+FFFD, on both engines alike (docs/decisions.md, "Problem groups and NUL").
                        foreach (var field in new object?[] { importId, key.Column, key.Rule, WithoutNul(key.ValueKey), code, WithoutNul(value), WithoutNul(message), count })
                        {
                            var parameter = command.CreateParameter();
                            parameter.ParameterName = "@p" + p;
                            parameter.Value = field ?? DBNull.Value;
                            command.Parameters.Add(parameter);
                            sql.Append(p % 8 == 0 ? "" : ", ").Append("@p").Append(p++);
                        }

                        sql.Append(')');
                    }

                    sql.Append("""
                         ON CONFLICT ("ImportId", "Column", "Rule", "ValueKey") DO UPDATE SET "Count" = "ImportProblemGroups"."Count" + excluded."Count"
                        """);
                    command.CommandText = sql.ToString();
                    await command.ExecuteNonQueryAsync(ct);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        if (moves.Any(m => m.Count < 0))
        {
            await db.ProblemGroupCounts.Where(g => g.ImportId == importId && g.Count <= 0).ExecuteDeleteAsync(ct);
        }
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
