using System.Data.Common;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using BulkImport.Core.Csv;
using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Imports.Discrepancies;
using BulkImport.Core.Imports.Mapping;
using BulkImport.Core.Imports.Validation;
using BulkImport.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BulkImport.Core.Imports.Staging;

/// <summary>
/// Reads a stored upload, validates each row as it is read and stages it, in one streaming pass (DESIGN section 2,
/// steps 2-4). Only a hash of each row key is kept in memory; a row whose key was seen before is staged as a duplicate, and
/// the first row of each repeated key is marked afterwards (DuplicateKeyRule).
/// </summary>
public sealed class ImportStagingService(
    IDbContextFactory<BulkImportDbContext> dbFactory,
    ImportDomains domains,
    ImportFiles files,
    ImportProgressFeed feed,
    IOptions<ImportOptions> options,
    TimeProvider clock,
    WriteTurns turns,
    ILogger<ImportStagingService> logger)
{
    private const int ProgressEveryRows = 10_000;

    public async Task RunAsync(int importId, CancellationToken ct)
    {
        try
        {
            using var watch = new StagingCancelWatch(dbFactory, importId, ct);
            await ReadAsync(importId, watch, ct);
        }
        finally
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            if (await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == importId, CancellationToken.None) is { } done)
            {
                feed.Publish(ImportCommitRunner.Snapshot(done, 0, null));
                if (done.Status is not (ImportStatus.Validating or ImportStatus.AwaitingMapping))
                {
                    // Staged (or refused, or cancelled): nothing reads the upload again, and it is a copy of personal
                    // data. An import still Validating (the app stopping) keeps it, to be read again at the next start, and one
                    // waiting for its columns to be mapped keeps it to be read with them (SPEC 16).
                    files.Delete(done);
                }
            }
        }
    }

    private async Task ReadAsync(int importId, StagingCancelWatch watch, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var import = await db.Imports.SingleAsync(i => i.Id == importId, ct);
        if (import.Status != ImportStatus.Validating)
        {
            return;
        }

        // Rows a stopped run staged (an instance that died mid-file, whose lease lapsed) are read again from the file.
        await db.ImportRows.Where(r => r.ImportId == importId).ExecuteDeleteAsync(ct);
        var domain = domains.Get(import.Domain);
        var settings = options.Value;
        var limits = new CsvLimits { MaxFileBytes = settings.MaxFileBytes, MaxDataRows = settings.MaxDataRows, MaxWorkbookExpandedBytes = settings.MaxWorkbookExpandedBytes };
        try
        {
            using var file = ParsedFile.Open(files.PathOf(import), domain.Columns, domain.RequiredColumns(import.Operation), limits, import.Sheet, ColumnMap.ForReading(import));
            // The sheet read is kept before anything else, so a mapping step reads the same sheet again (SPEC 16, 17).
            import.Sheets = [.. file.Sheets];
            import.Sheet = file.SheetName ?? import.Sheet;
            if (MappingNeed.Of(file, import.MapColumns) is { } mappingReason)
            {
                // The header is read; its columns are mapped by a person before any row is (SPEC 16).
                await ImportChanges.SaveAsync(db, import, i => i.AwaitMapping(mappingReason), ct);
                return;
            }

            // Added to the warnings the import already has (the same file uploaded before), never replacing them.
            import.FileWarnings = [.. import.FileWarnings.Concat(file.Warnings.Select(w => w.Message)).Distinct()];
            if (!file.IsWorkbook)
            {
                // A CSV (or a file refused before it could be a workbook) has no sheet: the summary's sheet is the one
                // read, and a warning says the one asked for was ignored. Kept until here, so a read after column
                // mapping warns again.
                import.Sheet = null;
            }

            if (file.Errors.Count > 0)
            {
                await FailAsync(db, import, file.Errors.Select(e => e.Message), ct);
                return;
            }

            import.PresentColumns = [.. file.PresentColumns];
            import.Delimiter = file.IsWorkbook ? null : file.Delimiter;
            await StageAsync(db, import, domain, file, settings, watch, watch.Token, ct);
        }
        catch (CsvFileException e)
        {
            await db.ImportRows.Where(r => r.ImportId == import.Id).ExecuteDeleteAsync(ct);
            db.ChangeTracker.Clear();
            import = await db.Imports.SingleAsync(i => i.Id == importId, ct);
            await FailAsync(db, import, [e.Problem.Message], ct);
        }
        catch (OperationCanceledException) when (watch.ImportCancelled && !ct.IsCancellationRequested)
        {
            // Cancelled by a person while the file was read: the import is Cancelled already, and the rows staged so far
            // are of no use (neither the whole file nor its repeated keys were checked); a replay must not commit them.
            logger.LogInformation("Import {ImportId} was cancelled while it was read: reading stopped after {Rows} rows", importId, import.TotalRows);
            db.ChangeTracker.Clear();
            await db.ImportRows.Where(r => r.ImportId == importId).ExecuteDeleteAsync(ct);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception) when (WorkLease.Current is { Lost.IsCancellationRequested: true })
        {
            // Another instance reads the file now: its rows and status are not this one's to touch.
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Import {ImportId} could not be read", importId);
            db.ChangeTracker.Clear();
            await db.ImportRows.Where(r => r.ImportId == importId).ExecuteDeleteAsync(ct);
            import = await db.Imports.SingleAsync(i => i.Id == importId, ct);
            await FailAsync(db, import, ["The file could not be read. Save it as CSV (UTF-8) and upload it again; if this keeps happening, contact support with the Import ID."], ct);
        }
    }

    /// <param name="ct">Cancelled when a person cancels the import (<see cref="StagingCancelWatch"/>) or the app stops: the reading stops.</param>
    /// <param name="stopping">Cancelled only when the app stops: the reading's last save, which a cancel must not interrupt.</param>
    private async Task StageAsync(BulkImportDbContext db, Import import, IImportDomain domain, ParsedFile file, ImportOptions settings, StagingCancelWatch watch,
        CancellationToken ct, CancellationToken stopping)
    {
        var validationSettings = ValidationSettings.Of(import, DateOnly.FromDateTime(clock.GetLocalNow().DateTime));
        var validator = await domain.CreateValidatorAsync(db, validationSettings, onlyRows: null, ct);
        RowCounts.Reset(import);

        var repeatedKeys = new HashSet<string>(StringComparer.Ordinal);
        // Possible duplicates (SPEC 14): the existing clients' keys are read on a thread of their own meanwhile.
        using var duplicates = import.CheckDuplicates && domain.FindsPossibleDuplicates && import.Operation != Operation.Update ? DuplicateCheck.Start(dbFactory, ct) : null;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // Three stages, so both cores stay busy: a thread of its own parses the file, this one validates and encodes
            // the rows, and another thread of its own inserts them, a batch per transaction. The stages hand batches over
            // in bounded blocking queues (a few batches in memory, never the file) and never wait for the thread pool,
            // which a busy server may have no thread to spare for.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var parsed = new BlockingCollection<List<ParsedRow>>(boundedCapacity: 2);
            using var batches = new BlockingCollection<List<StagedRow>>(boundedCapacity: 2);
            var hidden = new HiddenRows();
            var parsing = OwnThread(() => Parse(file, settings.StagingBatchSize, parsed, hidden, stop.Token), stop);
            var writing = OwnThread(() => WriteBatches(connection, import.Id, batches, turns, stop.Token), stop);
            try
            {
                ValidateRows(import, domain, parsed, validator, settings.StagingBatchSize, domain.KeyIsUnique ? repeatedKeys : null, duplicates, batches, watch, stop.Token);
                await parsing;
                if (hidden.Warning(file.SheetName) is { } warning)
                {
                    import.FileWarnings = [.. import.FileWarnings.Append(warning).Distinct()];
                }

                batches.CompleteAdding();
                await writing;
                if (import.TotalRows % ProgressEveryRows != 0)
                {
                    // The rows read since the last snapshot (all of a file under 10,000 rows): the page shows the whole
                    // count, and the rows-validated metric, read from these snapshots (ProgressMetrics), counts every row.
                    feed.Publish(new ImportProgress(import.Id, ImportStatus.Validating, 0, import.TotalRows, 0, 0, 0, 0, null, null, ReadingPhase.AutoReadingEntries));
                }
            }
            catch
            {
                await stop.CancelAsync();
                batches.CompleteAdding();
                await Task.WhenAll(Task.WhenAny(parsing), Task.WhenAny(writing));
                // A stage that failed stopped the others: its failure, not their cancellation, is the one to report.
                var failure = new[] { parsing, writing }.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!)
                    .FirstOrDefault(e => e is not OperationCanceledException);
                if (failure is not null)
                {
                    ExceptionDispatchInfo.Throw(failure);
                }

                throw;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        if (import.TotalRows == 0)
        {
            await FailAsync(db, import, ["The file has no data rows. Add at least one row under the header and upload it again."], stopping);
            return;
        }

        await DuplicateKeyRule.ApplyAsync(db, import, domain, validator, repeatedKeys, ct);
        // The Problems panel's groups (SPEC 20), counted once the duplicate rule has settled the messages.
        await ProblemGroupCounts.CountStagedAsync(db, import.Id, domain, ct);
        var discrepancies = 0;
        if (duplicates is not null)
        {
            await duplicates.FinishAsync();
            feed.Publish(new ImportProgress(import.Id, ImportStatus.Validating, 0, import.TotalRows, 0, 0, 0, 0, null, null, ReadingPhase.CheckingForDiscrepancies));
            var comparing = System.Diagnostics.Stopwatch.StartNew();
            discrepancies = await DiscrepancyWriter.WriteAsync(db, import.Id, duplicates, ct);
            var times = duplicates.Times;
            logger.LogInformation(
                "Import {ImportId}: {Discrepancies} possible duplicates; clients' keys read in {ClientKeys:F2} s beside the file, file keys hashed in {FilePass:F2} s, then waited {Wait:F2} s for the clients' keys, merged in {Merge:F2} s, {Hints} hints compared in {Compare:F2} s",
                import.Id, discrepancies, times.ClientKeys.TotalSeconds, times.FilePass.TotalSeconds, times.WaitForClientKeys.TotalSeconds, times.Merge.TotalSeconds,
                duplicates.ClientHints.Count + duplicates.RowHints.Count, comparing.Elapsed.TotalSeconds);
        }

        import.Discrepancies = import.UnresolvedDiscrepancies = discrepancies;
        // Ready for review (or awaiting verification), unless a person cancelled it meanwhile: the import decides on the status it has when saved.
        // Saved under the app's stopping token, not the cancel watch's: a cancel made now is what this save's retry is for
        // (it stands, and the import keeps its counts; issue 15), and the watch seeing it mid-save must not throw the
        // counts away and delete the rows as if the reading had been stopped.
        await ImportChanges.SaveAsync(db, import, i => i.FinishReading(discrepancies), stopping);
    }

    /// <summary>Runs a stage on a thread of its own; if it fails, the other stages are stopped.</summary>
    private static Task OwnThread(Action stage, CancellationTokenSource stop) =>
        Task.Factory.StartNew(() =>
        {
            try
            {
                stage();
            }
            catch
            {
                stop.Cancel();
                throw;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Reads the file into batches of rows.</summary>
    private static void Parse(ParsedFile file, int batchSize, BlockingCollection<List<ParsedRow>> parsed, HiddenRows hidden, CancellationToken ct)
    {
        try
        {
            var batch = new List<ParsedRow>(batchSize);
            foreach (var row in file.Rows())
            {
                hidden.Note(row);
                batch.Add(row);
                if (batch.Count == batchSize)
                {
                    parsed.Add(batch, ct);
                    batch = new List<ParsedRow>(batchSize);
                }
            }

            if (batch.Count > 0)
            {
                parsed.Add(batch, ct);
            }
        }
        finally
        {
            parsed.CompleteAdding();
        }
    }

    /// <remarks>Repeated keys are looked for only when <paramref name="repeatedKeys"/> is given: a domain whose rows may share a key has no duplicate rule.</remarks>
    private void ValidateRows(Import import, IImportDomain domain, BlockingCollection<List<ParsedRow>> parsed, IRowValidator validator, int batchSize, HashSet<string>? repeatedKeys,
        DuplicateCheck? duplicates, BlockingCollection<List<StagedRow>> batches, StagingCancelWatch watch, CancellationToken ct)
    {
        // Only a hash of each key is kept. A row whose key's hash was seen before is a duplicate (or, rarely, shares the
        // hash of another key) and is marked as it is staged, so a key filled down a million rows is written once; the
        // key is noted for the duplicate rule to settle its first row (and a shared hash) afterwards.
        var seenKeys = new HashSet<int>();
        var duplicate = new ProvisionalMessages(domain);
        var batch = new List<StagedRow>(batchSize);
        foreach (var rows in parsed.GetConsumingEnumerable(ct))
        {
            foreach (var row in rows)
            {
                var (status, action, messages, key) = Judge(row, validator);
                if (duplicates is not null && status == RowStatus.Valid && action == RowAction.Insert)
                {
                    duplicates.Observe(row.RowNumber, row.Values);
                }

                byte[] messagesUtf8;
                if (key is not null && repeatedKeys is not null && !seenKeys.Add(RowKeyHash.Of(key)))
                {
                    repeatedKeys.Add(key);
                    (status, action) = (RowStatus.Error, RowAction.None);
                    messagesUtf8 = messages.Count == 0
                        ? duplicate.Messages(key)
                        : RowJson.SerializeMessagesUtf8([.. messages, DuplicateKeyRule.Provisional(domain, key)]);
                }
                else
                {
                    messagesUtf8 = RowJson.SerializeMessagesUtf8(messages);
                }

                import.TotalRows++;
                RowCounts.Add(import, status, action);
                batch.Add(new StagedRow(row.RowNumber, status, action, RowJson.SerializeValuesUtf8(row.Values), messagesUtf8, key));
                if (batch.Count == batchSize)
                {
                    batches.Add(batch, ct);
                    batch = new List<StagedRow>(batchSize);
                }

                if (import.TotalRows % ProgressEveryRows == 0)
                {
                    feed.Publish(new ImportProgress(import.Id, ImportStatus.Validating, 0, import.TotalRows, 0, 0, 0, 0, null, null, ReadingPhase.AutoReadingEntries));
                    // Besides the watch's timer: a cancel seen while the progress was shown stops the reading here.
                    watch.Check();
                }
            }
        }

        if (batch.Count > 0)
        {
            batches.Add(batch, ct);
        }
    }

    /// <summary>
    /// The messages of a duplicate row that has no message of its own, serialized once per key in a run of rows of that
    /// key: a key filled down a million rows is one serialization, not a million.
    /// </summary>
    private sealed class ProvisionalMessages(IImportDomain domain)
    {
        private string? _key;
        private byte[] _utf8 = [];

        public byte[] Messages(string key)
        {
            if (!string.Equals(key, _key, StringComparison.Ordinal))
            {
                _utf8 = RowJson.SerializeMessagesUtf8([DuplicateKeyRule.Provisional(domain, key)]);
                _key = key;
            }

            return _utf8;
        }
    }

    /// <remarks>Each batch takes its turn among the writers of other imports (<see cref="WriteTurns"/>).</remarks>
    private static void WriteBatches(DbConnection connection, int importId, BlockingCollection<List<StagedRow>> batches, WriteTurns turns, CancellationToken ct)
    {
        using var writer = ImportRowWriter.Create(connection, importId);
        using var cache = DatabaseEngine.Of(connection).BeginHotWriter(connection);
        foreach (var batch in batches.GetConsumingEnumerable(ct))
        {
            using (turns.Batch(importId, ct))
            {
                writer.Write(batch);
            }
        }
    }

    private static (RowStatus, RowAction, List<RowMessage>, string?) Judge(ParsedRow row, IRowValidator validator)
    {
        if (row.Kind == ParsedRowKind.Blank)
        {
            return (RowStatus.Skipped, RowAction.None, [], null);
        }

        if (row.Problems.Count > 0)
        {
            var problems = row.Problems.ConvertAll(p => new RowMessage(p.Column, p.Message, "structure"));
            return (RowStatus.Error, RowAction.None, problems, null);
        }

        var result = validator.Validate(row.RowNumber, row.Values);
        return (result.Status, result.Action, result.Messages, result.RowKey);
    }

    private async Task FailAsync(BulkImportDbContext db, Import import, IEnumerable<string> errors, CancellationToken ct)
    {
        var reasons = errors.ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        await ImportChanges.SaveAsync(db, import, i => i.FailValidation(reasons, now), ct);
    }
}
