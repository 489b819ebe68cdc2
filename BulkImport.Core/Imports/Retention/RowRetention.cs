using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BulkImport.Core.Imports.Retention;

/// <summary>
/// Applies the retention period (<see cref="ImportOptions.RetentionDays"/>): the values of an import's staged rows (names,
/// SSNs, birth dates) are deleted <c>RetentionDays</c> after the import ended; an import still in review that long after
/// its upload is cancelled and its values deleted too. What the import did is kept: its counts, its rows' numbers,
/// statuses, actions and messages, and every commit result, so its results file stays whole (it never held values).
/// </summary>
/// <remarks>
/// <para>
/// A CommitFailed or Cancelled import can be replayed until then, not after: a replay reads the values of the rows not
/// yet committed. The import is marked first (<see cref="Import.RowsPurgedAt"/>, under the write lock, only from a final
/// status), so no replay can start on rows being cleared, then its rows are cleared a few thousand at a time, each
/// chunk its own short transaction, so commits of other imports are not held up. A run that stops part way (the app
/// stopping) is finished by the next: an import marked whose last row still holds values is cleared again.
/// </para>
/// <para>
/// An import left at AwaitingMapping (SPEC 16) that long after its upload is cancelled like one left in review; it has
/// no rows yet, but its upload, kept for the mapping, holds the values, so the upload is deleted.
/// </para>
/// <para>Imports being read, queued or committed are never touched. The upload of each import purged is deleted too, should one be left.</para>
/// </remarks>
public sealed class RowRetention(
    IDbContextFactory<BulkImportDbContext> dbFactory,
    ImportFiles files,
    IOptions<ImportOptions> options,
    TimeProvider clock,
    ILogger<RowRetention> logger)
{
    /// <summary>Rows cleared per transaction.</summary>
    public const int ChunkRows = 5_000;

    private const string NoValues = "[]";

    /// <summary>Applies the retention period once; returns how many imports had their rows' values deleted.</summary>
    public async Task<int> ApplyAsync(CancellationToken ct)
    {
        var days = options.Value.RetentionDays;
        if (days <= 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-days);
        List<int> inReview, ended;
        List<(int Id, string StoredFileName)> awaitingMapping;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            inReview = await db.Imports.AsNoTracking()
                .Where(i => (i.Status == ImportStatus.ReadyForReview || i.Status == ImportStatus.AwaitingVerification) && i.CreatedAt < cutoff)
                .Select(i => i.Id).ToListAsync(ct);
            awaitingMapping = [.. (await db.Imports.AsNoTracking()
                .Where(i => i.Status == ImportStatus.AwaitingMapping && i.CreatedAt < cutoff)
                .Select(i => new { i.Id, i.StoredFileName }).ToListAsync(ct)).Select(i => (i.Id, i.StoredFileName))];
            ended = await db.Imports.AsNoTracking()
                .Where(i => (i.Status == ImportStatus.Committed || i.Status == ImportStatus.ValidationFailed || i.Status == ImportStatus.CommitFailed
                        || i.Status == ImportStatus.Cancelled)
                    && i.RowsPurgedAt == null && (i.CompletedAt ?? i.CreatedAt) < cutoff)
                .Select(i => i.Id).ToListAsync(ct);
        }

        foreach (var id in inReview)
        {
            await MarkAsync(id, i => i.Expire(days, now), ct);
        }

        foreach (var (id, storedFileName) in awaitingMapping)
        {
            // No rows to clear: the upload kept for the mapping is what holds the values.
            if (await MarkAsync(id, i => i.Expire(days, now), ct))
            {
                files.Delete(storedFileName);
                logger.LogInformation("Retention cancelled import {ImportId}, left waiting for its columns to be mapped, and deleted its upload", id);
            }
        }

        foreach (var id in ended)
        {
            await MarkAsync(id, i => i.MarkRowsPurged(now), ct);
        }

        return await ClearMarkedAsync(ct);
    }

    /// <summary>Marks an import for its rows to be cleared, unless its status changed meanwhile (a replay, a confirm): then it waits for the next run.</summary>
    /// <returns>Whether the import was marked.</returns>
    private async Task<bool> MarkAsync(int id, Action<Import> mark, CancellationToken ct)
    {
        try
        {
            await ImportChanges.ChangeAsync(dbFactory, id, mark, ct);
            return true;
        }
        catch (ImportProblem refused)
        {
            logger.LogInformation("Retention left import {ImportId} as it is: {Reason}", id, refused.Message);
            return false;
        }
    }

    /// <summary>Clears the values of every import marked whose rows still hold some; returns how many it cleared.</summary>
    private async Task<int> ClearMarkedAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var marked = await db.Imports.AsNoTracking().Where(i => i.RowsPurgedAt != null)
            .Select(i => new { i.Id, i.StoredFileName }).ToListAsync(ct);
        var cleared = 0;
        foreach (var import in marked)
        {
            // Rows are cleared in row order, so the last row says whether a clearing ran to the end (one seek).
            var lastCleared = await db.Database.SqlQuery<int>($"""
                SELECT "Values" = {NoValues} AS "Value" FROM "ImportRows" WHERE "ImportId" = {import.Id} ORDER BY "RowNumber" DESC LIMIT 1
                """).ToListAsync(ct);
            if (lastCleared is [] or [1])
            {
                continue;
            }

            // The problem groups hold cell values too.
            await db.ProblemGroupCounts.Where(g => g.ImportId == import.Id).ExecuteDeleteAsync(ct);
            var rows = db.ImportRows.Where(r => r.ImportId == import.Id);
            var first = await rows.MinAsync(r => r.RowNumber, ct);
            var last = await rows.MaxAsync(r => r.RowNumber, ct);
            for (var from = first - 1; from < last; from += ChunkRows)
            {
                var to = from + ChunkRows;
                await db.Database.ExecuteSqlAsync($"""
                    UPDATE "ImportRows" SET "Values" = {NoValues}, "RowKey" = NULL
                    WHERE "ImportId" = {import.Id} AND "RowNumber" > {from} AND "RowNumber" <= {to}
                    """, ct);
            }

            files.Delete(import.StoredFileName);
            cleared++;
            logger.LogInformation("Retention deleted the row values of import {ImportId}", import.Id);
        }

        return cleared;
    }
}
