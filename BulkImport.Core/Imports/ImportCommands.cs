using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Intake;
using BulkImport.Core.Security;
using BulkImport.Core.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BulkImport.Core.Imports;

/// <summary>
/// What a person (through the screens or the API) does with an import as a whole: start it from an upload, confirm
/// it, cancel it, replay it. The import decides whether its status allows it (<c>ImportLifecycle.cs</c>); each change
/// is read and saved under the write lock, so two clicks or two viewers cannot both succeed.
/// </summary>
public sealed class ImportCommands(
    IDbContextFactory<BulkImportDbContext> dbFactory,
    ImportDomains domains,
    ImportFiles files,
    ImportWorkQueue queue,
    UsageService usage,
    ImportProgressFeed feed,
    IOptions<ImportOptions> options,
    TimeProvider clock)
{
    /// <summary>
    /// Starts an import of a stored upload: it is Validating and queued for reading. Refused (and the upload deleted)
    /// when the options are wrong, or when the user already has <see cref="ImportOptions.MaxPendingPerUser"/> imports
    /// being read or waiting to be committed; the count and the new import are one transaction under the write lock,
    /// so two uploads at once cannot both pass the limit.
    /// </summary>
    public async Task<Import> CreateAsync(NewImport request, CancellationToken ct)
    {
        var stored = request.File;
        try
        {
            if (request.Name?.Trim() is { Length: > Import.MaxNameLength } tooLong)
            {
                throw ImportProblem.BadRequest($"The Batch Name is {tooLong.Length} characters long; the limit is {Import.MaxNameLength}. Shorten it and upload again.");
            }

            domains.CheckRequest(request.Domain, request.Operation, [
                .. request.AutoCreateInvoices ? [ImportOptionKeys.AutoCreateInvoices] : Array.Empty<string>(),
                .. request.UseBatchDateAsEnrollmentDate ? [ImportOptionKeys.UseBatchDateAsEnrollmentDate] : Array.Empty<string>()]);
        }
        catch
        {
            files.Delete(stored);
            throw;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var limit = options.Value.MaxPendingPerUser;
        // A watched folder's imports wait for a free worker instead (SPEC 19): a folder of fifty files is not refused,
        // and what its owner's folders are reading does not count against the owner's own uploads either.
        var pending = request.FromWatchedFolder ? 0 : await db.Imports.CountAsync(i => i.CreatedBy == request.User
            && (i.Status == ImportStatus.Validating || i.Status == ImportStatus.Queued)
            && !db.Set<IntakeFile>().Any(f => f.ImportId == i.Id), ct);
        if (pending >= limit)
        {
            files.Delete(stored);
            throw ImportProblem.TooMany(
                $"You already have {pending} import{(pending == 1 ? "" : "s")} being read or waiting to be committed, the most one user may have (Import:MaxPendingPerUser = {limit}). "
                + "Upload this file again once one of them is ready for review or committing, or cancel one.");
        }

        var import = new Import
        {
            Name = string.IsNullOrWhiteSpace(request.Name) ? null : request.Name.Trim(),
            Domain = request.Domain,
            Operation = request.Operation,
            AutoCreateInvoices = request.AutoCreateInvoices,
            Status = ImportStatus.Validating,
            FileName = SafeFileName.Of(request.FileName),
            StoredFileName = stored.StoredFileName,
            FileSize = stored.Size,
            FileSha256 = stored.Sha256,
            CreatedBy = request.User,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            NotifyMe = request.NotifyMe,
            FixesImportId = request.FixesImportId,
            CheckDuplicates = request.CheckDuplicates,
            BatchDate = request.BatchDate ?? DateOnly.FromDateTime(clock.GetLocalNow().DateTime),
            UseBatchDateAsEnrollmentDate = request.UseBatchDateAsEnrollmentDate,
            MapColumns = request.MapColumns,
            ColumnMapping = request.Mapping is { } mapping ? new Dictionary<string, string?>(mapping.Columns) : null,
            MappingName = request.Mapping?.Name,
            Sheet = string.IsNullOrWhiteSpace(request.Sheet) ? null : request.Sheet.Trim(),
        };
        if (request.FixesImportId is { } fixes && await FixedImportProblemAsync(db, fixes, request.Domain, ct) is { } problem)
        {
            files.Delete(stored);
            throw ImportProblem.BadRequest(problem);
        }

        db.Imports.Add(import);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await queue.Validation.Writer.WriteAsync(import.Id, ct);
        return import;
    }

    /// <summary>Why the upload field <c>fixesImportId</c> cannot name import <paramref name="fixes"/>, or null when it can (SPEC 20).</summary>
    private static async Task<string?> FixedImportProblemAsync(BulkImportDbContext db, int fixes, Domain domain, CancellationToken ct) =>
        await db.Imports.AsNoTracking().Where(i => i.Id == fixes).Select(i => new { i.Domain }).SingleOrDefaultAsync(ct) switch
        {
            null => $"fixesImportId {fixes} is not an import. Leave it out, or give the Import ID of the import whose rows this file corrects.",
            { Domain: var other } when other != domain => $"fixesImportId {fixes} is a {other} import; this file is a {domain} import. A corrected file is uploaded in the domain of the import it corrects.",
            _ => null,
        };

    /// <summary>Confirms the import: checks the usage limits and queues the commit.</summary>
    public async Task<Import> QueueCommitAsync(int id, string user, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var import = await ImportChanges.ChangeAsync(dbFactory, id, async (db, import) =>
        {
            import.Confirm(user, now);
            if (import.Discrepancies > 0
                && await Discrepancies.DiscrepancyVerification.SelectedClientNamedByRowAsync(db, import.Id, ct) is { } twoRowsOneClient)
            {
                throw ImportProblem.Conflict(twoRowsOneClient);
            }

            var report = await usage.GetAsync(db, ct);
            if (report.WhyNotAllowed(import.ValidRows) is { } overLimit)
            {
                throw ImportProblem.Conflict(overLimit);
            }
        }, ct);
        await queue.Commit.Writer.WriteAsync(id, ct);
        return import;
    }

    /// <summary>Cancels the import: at once before its commit runs; while it commits, at the next batch boundary.</summary>
    public async Task<Import> CancelAsync(int id, string user, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cancelledNow = false;
        var wasAwaitingMapping = false;
        var import = await ImportChanges.ChangeAsync(dbFactory, id, i =>
        {
            wasAwaitingMapping = i.Status == ImportStatus.AwaitingMapping;
            cancelledNow = i.Cancel(user, now);
        }, ct);
        if (wasAwaitingMapping)
        {
            // Kept while it waited for its columns to be mapped (SPEC 16); nothing reads it now.
            files.Delete(import);
        }

        if (cancelledNow)
        {
            feed.Publish(ImportCommitRunner.Snapshot(import, 0, null));
        }

        return import;
    }

    /// <summary>
    /// Re-queues a CommitFailed or Cancelled import; the committer continues at the first row not yet committed. The
    /// replay is written to the audit table in the same transaction, with how far the import had got.
    /// </summary>
    public async Task<Import> ReplayAsync(int id, string user, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var import = await ImportChanges.ChangeAsync(dbFactory, id, (db, import) =>
        {
            var was = import.Status;
            import.Replay(user, now);
            db.AuditEntries.Add(new AuditEntry
            {
                At = now,
                User = user,
                Action = AuditActions.ImportReplayed,
                Detail = $"Import {id} ({was}): {import.ProcessedRows:N0} of {import.ValidRows:N0} valid rows were committed before the replay",
            });
            return Task.CompletedTask;
        }, ct);
        await queue.Commit.Writer.WriteAsync(id, ct);
        return import;
    }
}
