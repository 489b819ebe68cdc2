using System.Diagnostics;
using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Jobs;
using BulkImport.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BulkImport.Core.Imports.Commit;

/// <summary>
/// Commits one queued import in batches (DESIGN section 2, step 7). Each batch writes its records and their rows' results
/// in one transaction, so a crash loses at most the batch in flight and a replay continues after the last row with a result.
/// Cancellation is honoured between batches.
/// </summary>
public sealed class ImportCommitRunner(
    IDbContextFactory<BulkImportDbContext> dbFactory,
    ImportDomains domains,
    ImportProgressFeed feed,
    UsageService usage,
    IOptions<ImportOptions> importOptions,
    IOptionsMonitor<CommitOptions> commitOptions,
    TimeProvider clock,
    WriteTurns turns,
    ILogger<ImportCommitRunner> logger)
{
    public async Task RunAsync(int importId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var import = await db.Imports.SingleOrDefaultAsync(i => i.Id == importId, ct);
        if (import?.Status == ImportStatus.Committing)
        {
            // This job holds the import's lease, so whoever was committing it has stopped (another instance died, or
            // stopped, and its lease lapsed): the commit goes on from the first row not committed (SPEC 22).
            logger.LogWarning("Import {ImportId} was left Committing by an instance that stopped; resuming its commit", importId);
            await ImportChanges.SaveAsync(db, import, i => i.ResumeInterrupted(), ct);
        }

        if (import is null || import.Status != ImportStatus.Queued)
        {
            return;
        }

        var through = await CommittedRows.ThroughAsync(db, importId, ct);
        // From the counters (exact once the file is read): counting a million Valid rows would read them all.
        var remainingRows = RowCounts.Exact(import, RowStatus.Valid) ?? await CommittedRows.Waiting(db, importId, through).CountAsync(ct);
        if (await ReserveAndStartAsync(db, import, remainingRows, ct) is { } overLimit)
        {
            await FinishAsync(db, import, i => i.MarkCommitFailed(overLimit, Now), ct);
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        var startProcessed = import.ProcessedRows;
        Publish(import, stopwatch, startProcessed);
        try
        {
            await CommitBatchesAsync(db, import, through, stopwatch, startProcessed, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The host is stopping: the import stays Committing and is found as interrupted on the next start.
            throw;
        }
        catch (WorkLeaseLostException)
        {
            // Another instance has the commit now; the batch in flight rolled back and nothing is recorded here.
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Commit of import {ImportId} failed", importId);
            var reason = FailureReason(e, db.Database.GetConnectionString());
            await RecordFailureAsync(importId, reason, ct);
        }
    }

    /// <summary>Why the commit stopped, as the import's failure reason, with what to do (SPEC 3: CommitFailed).</summary>
    internal static string FailureReason(Exception error, string? connectionString) =>
        $"The commit stopped: {StopCause.Of(error, connectionString)} Rows committed before the stop stay committed; replay the import to continue.";

    /// <summary>How long to wait before trying again to record a failure the database could not take.</summary>
    private static readonly TimeSpan FailureRetry = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Marks the import CommitFailed with <paramref name="reason"/>, on a context of its own (the commit's connection may be
    /// the thing that broke). When the database itself is gone (PostgreSQL stopped or restarting, the connection cut),
    /// the failure cannot be written until it is back: it is tried again every <see cref="FailureRetry"/>, so the import
    /// ends CommitFailed with its reason as soon as the server answers, rather than showing Committing until the next
    /// restart. If the host stops meanwhile, the next start finds the import interrupted, as after a crash.
    /// </summary>
    private async Task RecordFailureAsync(int importId, string reason, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
                var import = await db.Imports.SingleAsync(i => i.Id == importId, CancellationToken.None);
                await FinishAsync(db, import, i => i.MarkCommitFailed(reason, Now), CancellationToken.None);
                return;
            }
            catch (Exception e) when (StopCause.IsDatabaseError(e) && !ct.IsCancellationRequested)
            {
                logger.LogWarning("The failure of import {ImportId}'s commit cannot be recorded yet, the database did not take it ({Error}); trying again in {Seconds} s",
                    importId, e.Message, FailureRetry.TotalSeconds);
                // Real time, not the clock: tests fix the clock to a date, which must not stop the retry.
                await Task.Delay(FailureRetry, ct);
            }
        }
    }

    /// <summary>
    /// Reserves the rows to commit against the usage limits and starts the commit, in one transaction that holds the write
    /// lock from its start: two commits side by side (or two confirmed at once) cannot pass a limit together (SPEC 22).
    /// Returns why the rows do not fit, or null when the commit has started.
    /// </summary>
    private async Task<string?> ReserveAndStartAsync(BulkImportDbContext db, Import import, int rows, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await usage.ReserveAsync(db, import.Id, rows, ct) is { } overLimit)
        {
            return overLimit;
        }

        await ImportChanges.SaveAsync(db, import, i => i.StartCommit(Now), ct);
        await transaction.CommitAsync(ct);
        return null;
    }

    private async Task CommitBatchesAsync(BulkImportDbContext db, Import import, int through, Stopwatch stopwatch, int startProcessed, CancellationToken ct)
    {
        var domain = domains.Get(import.Domain);
        var settings = new CommitSettings(import.Operation, import.AutoCreateInvoices, DateOnly.FromDateTime(clock.GetLocalNow().DateTime), import.Id,
            commitOptions.CurrentValue.KeepBeforeImages);
        var batchSize = importOptions.Value.CommitBatchSize;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        using var committer = Discrepancies.SelectedClientCommitter.Around(domain.CreateCommitter(settings), import);
        using var store = new CommitBatchStore(connection, import.Id);
        using var cache = DatabaseEngine.Of(connection).BeginHotWriter(connection);
        var relabel = await SelectListRelabel.LoadAsync(db, domain, import.CreatedAt, ct);

        // The next batches are read and decoded on a second connection while this one writes (ReadAhead).
        await using var readDb = await dbFactory.CreateDbContextAsync(ct);
        await readDb.Database.OpenConnectionAsync(ct);
        using var reader = new ValidRowReader(readDb.Database.GetDbConnection(), import.Id);
        using var images = committer.CreateBeforeImageReader(readDb.Database.GetDbConnection());
        await using var batches = new ReadAhead<CommitBatch>(NextBatches(reader, images, through, batchSize, relabel), ct);
        await WriteBatchesAsync(db, import, committer, store, batches, stopwatch, startProcessed, ct);
    }

    /// <summary>
    /// Reads the rows waiting after <paramref name="through"/>, the last row already committed (a replay continues there),
    /// a batch per call, with the current text of any select-list value renamed since the upload, and the before-images
    /// of its Update rows' records read by <paramref name="images"/>.
    /// </summary>
    private static Func<CommitBatch?> NextBatches(ValidRowReader reader, BeforeImageReader? images, int through, int batchSize, SelectListRelabel? relabel)
    {
        var lastRow = through;
        return () =>
        {
            var rows = reader.NextBatch(lastRow, batchSize);
            if (rows.Count == 0)
            {
                return null;
            }

            lastRow = rows[^1].RowNumber;
            if (relabel is not null)
            {
                rows = rows.ConvertAll(relabel.Apply);
            }

            return new CommitBatch(rows, images?.Read(rows));
        };
    }

    private async Task WriteBatchesAsync(BulkImportDbContext db, Import import, IDomainCommitter committer, CommitBatchStore store,
        ReadAhead<CommitBatch> batches, Stopwatch stopwatch, int startProcessed, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        while (true)
        {
            if (store.CancelRequested())
            {
                await db.Entry(import).ReloadAsync(ct);
                await FinishAsync(db, import, i => i.MarkCancelled(Now), ct);
                return;
            }

            if (await batches.NextAsync(ct) is not { } batch)
            {
                break;
            }

            BatchCounts counts;
            // Each batch takes its turn among the writers of other imports (WriteTurns).
            using (await turns.BatchAsync(import.Id, ct))
            await using (var transaction = await connection.BeginTransactionAsync(ct))
            {
                // First, so the lease is this instance's for the whole batch: a takeover waits for it to end (SPEC 22).
                await WorkLease.ConfirmHeldAsync(connection, transaction, ct);
                var outcomes = await committer.CommitBatchAsync(connection, transaction, batch, ct);
                counts = store.Record(outcomes, clock.GetUtcNow().UtcDateTime);
                await transaction.CommitAsync(ct);
            }

            Count(db, import, counts);
            Publish(import, stopwatch, startProcessed);

            var failAfter = commitOptions.CurrentValue.FailAfterRows;
            if (failAfter > 0 && import.ProcessedRows - startProcessed >= failAfter)
            {
                throw new InvalidOperationException($"Injected failure after {import.ProcessedRows - startProcessed} rows of this run (Commit:FailAfterRows).");
            }
        }

        await db.Entry(import).ReloadAsync(ct);
        await FinishAsync(db, import, i => i.MarkCommitted(Now), ct);
    }

    /// <summary>
    /// Mirrors the batch's counters (already added in the database, in the batch's transaction) on the tracked import,
    /// for progress, without reading the import back after every batch.
    /// </summary>
    private static void Count(BulkImportDbContext db, Import import, BatchCounts counts)
    {
        import.ProcessedRows += counts.Processed;
        import.Inserted += counts.Inserted;
        import.Updated += counts.Updated;
        import.Failed += counts.Failed;
        db.ChangeTracker.AcceptAllChanges();
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Ends the commit as the import decides, and tells every viewer.</summary>
    private async Task FinishAsync(BulkImportDbContext db, Import import, Action<Import> end, CancellationToken ct)
    {
        await ImportChanges.SaveAsync(db, import, end, ct);
        // Counted only while Committing, so released already; deleted so the table holds only running commits.
        await UsageService.ReleaseAsync(db, import.Id, ct);
        feed.Publish(Snapshot(import, 0, null));
    }

    private void Publish(Import import, Stopwatch stopwatch, int startProcessed)
    {
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var done = import.ProcessedRows - startProcessed;
        var rate = seconds > 0 ? done / seconds : 0;
        var left = import.ValidRows - import.ProcessedRows;
        TimeSpan? remaining = rate > 0 ? TimeSpan.FromSeconds(left / rate) : null;
        feed.Publish(Snapshot(import, rate, remaining));
    }

    public static ImportProgress Snapshot(Import import, double rate, TimeSpan? remaining) =>
        new(import.Id, import.Status, import.ValidRows, import.ProcessedRows, import.Inserted, import.Updated, import.Failed, rate, remaining, import.FailureReason);
}
