using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Data;

/// <summary>
/// Saves the rows a bulk fix changed (replaced, skipped, or revalidated with their keys' groups), read untracked, with one
/// prepared UPDATE by primary key, stepped once per row in the batch's transaction, instead of SaveChanges. SaveChanges built,
/// sent and parsed a command per row with named parameters: about two thirds of a replace's time. A single
/// <c>UPDATE … FROM json_each</c> was tried and was far slower: SQLite walked the import's rows per JSON element
/// (docs/decisions.md, "Fixing many rows at once"). The statement is the engine's (<see cref="DatabaseEngine.Prepare"/>).
/// Rows a skip made Skipped keep their values and all end the same way, so they are written by one statement a batch
/// (<see cref="WriteSkippedAsync"/>).
/// </summary>
public static class RevisedRowWriter
{
    /// <summary>
    /// Marks the rows of <paramref name="rowNumbers"/> Skipped by a person, as <c>RowBatchRevision</c> left them (no action,
    /// messages or key; values unchanged), with one UPDATE that seeks each by its key (<c>IN</c> a JSON array of the numbers:
    /// a join on the array, tried before, walked the import's rows per element).
    /// </summary>
    public static async Task WriteSkippedAsync(BulkImportDbContext db, int importId, IReadOnlyCollection<int> rowNumbers, CancellationToken ct)
    {
        if (rowNumbers.Count == 0)
        {
            return;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            var engine = DatabaseEngine.Of(connection);
            using var update = engine.Prepare(connection,
                $"""UPDATE "ImportRows" SET "Status" = {(int)RowStatus.Skipped}, "Action" = {(int)RowAction.None}, "Messages" = ?2, "RowKey" = NULL, "SkippedByOperator" = 1 <> 0 """ +
                $"""WHERE "ImportId" = ?1 AND "RowNumber" IN ({engine.Json.Integers("?3")})""");
            update.Bind(1, importId);
            update.BindUtf8(2, RowJson.SerializeMessagesUtf8([]));
            update.Bind(3, System.Text.Json.JsonSerializer.Serialize(rowNumbers));
            var written = update.Execute();
            if (written != rowNumbers.Count)
            {
                throw new InvalidOperationException($"{rowNumbers.Count - written} of {rowNumbers.Count} rows of import {importId} were not found to skip.");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Writes the rows' status, action, values, messages, key and skip flag, in the transaction the context has open.</summary>
    public static async Task WriteAsync(BulkImportDbContext db, IEnumerable<ImportRow> rows, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // "?8 <> 0" stores the skip flag as each engine stores a bool (an integer on SQLite, a boolean on PostgreSQL).
            var connection = db.Database.GetDbConnection();
            using var update = DatabaseEngine.Of(connection).Prepare(connection,
                """UPDATE "ImportRows" SET "Status" = ?3, "Action" = ?4, "Values" = ?5, "Messages" = ?6, "RowKey" = ?7, "SkippedByOperator" = ?8 <> 0 """ +
                """WHERE "ImportId" = ?1 AND "RowNumber" = ?2""");
            foreach (var row in rows)
            {
                update.Bind(1, row.ImportId);
                update.Bind(2, row.RowNumber);
                update.Bind(3, (int)row.Status);
                update.Bind(4, (int)row.Action);
                update.BindUtf8(5, RowJson.SerializeValuesUtf8(row.Values));
                update.BindUtf8(6, RowJson.SerializeMessagesUtf8(row.Messages));
                update.Bind(7, row.RowKey);
                update.Bind(8, row.SkippedByOperator ? 1 : 0);
                if (update.Execute() != 1)
                {
                    throw new InvalidOperationException($"Row {row.RowNumber} of import {row.ImportId} was not found to save.");
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
