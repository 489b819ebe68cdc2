using System.Diagnostics;
using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BulkImport.Core.Imports.Undo;

/// <summary>
/// Undoes one import in batches, like a commit (SPEC 21, DESIGN §6 "undo is a job"): each batch undoes its rows'
/// records and writes their results and the counters in one transaction, so a crash loses at most the batch in flight
/// and undoing again continues after the last row with a result. A cancel is honoured between batches. Progress goes to
/// every viewer through the import progress feed.
/// </summary>
public sealed class UndoRunner(
    IDbContextFactory<BulkImportDbContext> dbFactory,
    ImportProgressFeed feed,
    IOptions<ImportOptions> importOptions,
    IOptionsMonitor<UndoOptions> undoOptions,
    TimeProvider clock,
    WriteTurns turns,
    ImportDomains domains,
    ILogger<UndoRunner> logger)
{
    public async Task RunAsync(int importId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var import = await db.Imports.SingleOrDefaultAsync(i => i.Id == importId, ct);
        if (import is null || import.Status != ImportStatus.Undoing)
        {
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        var start = import.UndoneRows + import.KeptRows;
        Publish(import, stopwatch, start);
        try
        {
            await UndoBatchesAsync(db, import, stopwatch, start, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The host is stopping: the import stays Undoing and is found as interrupted on the next start.
            throw;
        }
        catch (WorkLeaseLostException)
        {
            // Another instance has the undo now (SPEC 22); the batch in flight rolled back and nothing is recorded here.
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Undo of import {ImportId} failed", importId);
            db.ChangeTracker.Clear();
            var fresh = await db.Imports.SingleAsync(i => i.Id == importId, CancellationToken.None);
            var reason = FailureReason(e, db.Database.GetConnectionString());
            await FinishAsync(db, fresh, i => i.MarkUndoFailed(reason, Now), CancellationToken.None);
        }
    }

    /// <summary>Why the undo stopped, as the import's failure reason, with what to do (SPEC 21: UndoFailed).</summary>
    internal static string FailureReason(Exception error, string? connectionString) =>
        $"The undo stopped: {StopCause.Of(error, connectionString)} Records undone before the stop stay undone; undo the import again to continue.";

    private async Task UndoBatchesAsync(BulkImportDbContext db, Import import, Stopwatch stopwatch, int start, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        using var undo = RecordUndoers.Create(import.Domain, connection, import.Id);
        using var store = new UndoBatchStore(connection, import.Id);
        // The commit's settings for the whole run (SQLite: a larger page cache, and the WAL checkpointed by a second
        // connection instead of the writer's commits, which stalled them): an undo writes as much as the commit it undoes.
        using var hotWriter = DatabaseEngine.Of(connection).BeginHotWriter(connection);
        var batchSize = importOptions.Value.CommitBatchSize;
        var last = store.LastUndoneRow();

        // As the commit does, the next batches are read on a second connection while this one writes (ReadAhead; issue 22:
        // the undo at most as long as the commit). Nothing the undo writes changes them (results and before-images are the commit's).
        await using var readDb = await dbFactory.CreateDbContextAsync(ct);
        await readDb.Database.OpenConnectionAsync(ct);
        var reader = new UndoRowReader(readDb.Database.GetDbConnection(), import.Id);
        var relabel = await ImageRelabel.LoadAsync(readDb, import, domains.Get(import.Domain), ct);
        await using var batches = new ReadAhead<List<UndoRow>>(NextBatches(reader, last, batchSize, relabel), ct);
        await WriteBatchesAsync(db, import, undo, store, batches, stopwatch, start, ct);
    }

    /// <summary>Reads the rows after <paramref name="last"/>, the last row with an undo result (a resumed undo continues there), a batch per call.</summary>
    /// <remarks>Renamed select-list values in the images take their current text (<see cref="ImageRelabel"/>).</remarks>
    private static Func<List<UndoRow>?> NextBatches(UndoRowReader reader, int last, int batchSize, ImageRelabel? relabel) => () =>
    {
        var batch = reader.NextBatch(last, batchSize);
        if (batch.Count == 0)
        {
            return null;
        }

        last = batch[^1].RowNumber;
        return relabel is null ? batch : batch.ConvertAll(relabel.Apply);
    };

    private async Task WriteBatchesAsync(BulkImportDbContext db, Import import, IRecordUndo undo, UndoBatchStore store,
        ReadAhead<List<UndoRow>> batches, Stopwatch stopwatch, int start, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        while (true)
        {
            if (store.CancelRequested())
            {
                await db.Entry(import).ReloadAsync(ct);
                await FinishAsync(db, import, i => i.MarkUndoCancelled(Now), ct);
                return;
            }

            if (await batches.NextAsync(ct) is not { } batch)
            {
                break;
            }

            (int Undone, int Kept) counts;
            // Each batch takes its turn among the writers of other imports' commits and staging (WriteTurns).
            using (await turns.BatchAsync(import.Id, ct))
            await using (var transaction = await connection.BeginTransactionAsync(ct))
            {
                // First, so the lease is this instance's for the whole batch: a takeover waits for it to end (SPEC 22).
                await WorkLease.ConfirmHeldAsync(connection, transaction, ct);
                undo.Lock(batch);
                var outcomes = batch.ConvertAll(undo.Undo);
                counts = store.Record(outcomes);
                await transaction.CommitAsync(ct);
            }

            import.UndoneRows += counts.Undone;
            import.KeptRows += counts.Kept;
            db.ChangeTracker.AcceptAllChanges();
            Publish(import, stopwatch, start);

            var failAfter = undoOptions.CurrentValue.FailAfterRows;
            if (failAfter > 0 && import.UndoneRows + import.KeptRows - start >= failAfter)
            {
                throw new InvalidOperationException($"Injected failure after {import.UndoneRows + import.KeptRows - start} rows of this run (Undo:FailAfterRows).");
            }

            var holdAfter = undoOptions.CurrentValue.HoldAfterRows;
            if (holdAfter > 0 && import.UndoneRows + import.KeptRows - start >= holdAfter)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
        }

        await db.Entry(import).ReloadAsync(ct);
        await FinishAsync(db, import, i => i.MarkUndone(Now), ct);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task FinishAsync(BulkImportDbContext db, Import import, Action<Import> end, CancellationToken ct)
    {
        await ImportChanges.SaveAsync(db, import, end, ct);
        feed.Publish(Snapshot(import, 0, null));
    }

    private void Publish(Import import, Stopwatch stopwatch, int start)
    {
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var done = import.UndoneRows + import.KeptRows;
        var rate = seconds > 0 ? (done - start) / seconds : 0;
        var left = import.Inserted + import.Updated - done;
        TimeSpan? remaining = rate > 0 ? TimeSpan.FromSeconds(left / rate) : null;
        feed.Publish(Snapshot(import, rate, remaining));
    }

    /// <summary>The undo's progress as the commit's snapshot: its rows are the committed ones.</summary>
    public static ImportProgress Snapshot(Import import, double rate, TimeSpan? remaining) =>
        new(import.Id, import.Status, import.Inserted + import.Updated, import.UndoneRows + import.KeptRows, import.Inserted, import.Updated, import.Failed,
            rate, remaining, import.FailureReason, Undone: import.UndoneRows, Kept: import.KeptRows);
}
