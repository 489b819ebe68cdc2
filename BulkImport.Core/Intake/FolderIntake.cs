using System.Text;
using BulkImport.Core.Alerts;
using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Results;
using BulkImport.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BulkImport.Core.Intake;

/// <summary>
/// Watched folders (SPEC section 19). A complete file in <c>incoming/</c> is moved to <c>processing/</c> and imported as
/// the folder's owner; when its import ends it moves to <c>processed/</c> with <c>&lt;name&gt;.results.csv</c> beside it, or
/// to <c>error/</c> with <c>&lt;name&gt;.errors.txt</c>. The same file (its SHA-256, whatever its name) is never imported
/// twice from a folder. Everything it needs to go on after a crash is on disk or in the database: a file left in processing/ is
/// matched to its import at start.
/// </summary>
public sealed class FolderIntake(
    IDbContextFactory<BulkImportDbContext> dbFactory,
    ImportCommands imports,
    ImportFiles files,
    ImportDomains domains,
    ResultsFile results,
    IOptionsMonitor<IntakeOptions> options,
    IOptionsMonitor<EmailOptions> email,
    IOptionsMonitor<SupportOptions> support,
    IntakeHealth health,
    TimeProvider clock,
    ILogger<FolderIntake> logger)
{
    public const string Incoming = "incoming";
    public const string Processing = "processing";
    public const string Processed = "processed";
    public const string Error = "error";

    /// <summary>Files a writer is still writing: a name ending so is never taken, and its rename to the final name is taken at once.</summary>
    public const string PartSuffix = ".part";

    /// <summary>
    /// How many rows not imported with reasons of their own errors.txt lists (View Results and the results file have them
    /// all); the rows a stopped commit never reached are one line besides.
    /// </summary>
    public const int RowsListed = 1_000;

    private readonly CompleteFiles _complete = new();
    private readonly HashSet<int> _autoCommitRefused = [];
    private readonly RefusedFiles _refused = new(dbFactory, support, clock, logger);

    /// <summary>Finishes what a stopped process left in processing/: each file is matched to its record or its import, or imported now.</summary>
    public async Task RecoverAsync(CancellationToken ct)
    {
        foreach (var folder in options.CurrentValue.Folders)
        {
            if (await CheckAsync(folder, ct) is not null)
            {
                continue;
            }

            var root = Root(folder);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var open = await db.Set<IntakeFile>().Where(f => f.Folder == root && f.State == IntakeState.Processing).ToListAsync(ct);
            foreach (var path in Directory.EnumerateFiles(Path.Combine(root, Processing)))
            {
                var name = Path.GetFileName(path);
                if (name.StartsWith('.') || open.Exists(f => f.StoredName == name))
                {
                    continue;
                }

                logger.LogWarning("Intake: {File} was left in {Folder}/processing by a stop; finishing it", name, root);
                await ImportFromProcessingAsync(folder, path, IntakeDisk.OriginalName(name), recovering: true, ct);
            }
        }
    }

    /// <summary>One look at every folder: its health, the files complete in incoming/, and the imports of files in processing/.</summary>
    public async Task ScanAsync(CancellationToken ct)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var folder in settings.Folders)
        {
            if (await CheckAsync(folder, ct) is not null)
            {
                continue;
            }

            try
            {
                foreach (var ready in _complete.In(Path.Combine(Root(folder), Incoming), settings.StableFor, now))
                {
                    await TakeAsync(folder, ready, ct);
                }

                await AdvanceAsync(folder, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The folder went away or became unreadable between the check and the work: the next look says so.
                logger.LogWarning("Intake: {Folder} could not be read: {Reason}", folder.Path, e.Message);
            }
        }

        health.Scanned();
    }

    /// <summary>Why the folder cannot be used (null when it can); a change is logged once.</summary>
    private async Task<string?> CheckAsync(IntakeFolder folder, CancellationToken ct)
    {
        var problem = await ProblemOfAsync(folder, ct);
        var key = string.IsNullOrWhiteSpace(folder.Path) ? "(no path)" : folder.Path;
        if (health.Set(key, problem))
        {
            if (problem is null)
            {
                logger.LogInformation("Intake: {Folder} is watched again", key);
            }
            else
            {
                logger.LogError("Intake: {Folder} is not watched: {Problem}", key, problem);
            }
        }

        return problem;
    }

    private async Task<string?> ProblemOfAsync(IntakeFolder folder, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(folder.Path))
        {
            return "A folder of Intake:Folders has no Path. Give each folder the full path of a folder that exists.";
        }

        var root = Root(folder);
        if (!Directory.Exists(root))
        {
            return File.Exists(root)
                ? $"{root} is a file, not a folder. Point Intake:Folders to a folder."
                : $"{root} does not exist. Create it (with write access for the app) or correct Intake:Folders.";
        }

        try
        {
            foreach (var sub in new[] { Incoming, Processing, Processed, Error })
            {
                Directory.CreateDirectory(Path.Combine(root, sub));
            }

            var probe = Path.Combine(root, Processing, ".bulkimport-write-test");
            await File.WriteAllBytesAsync(probe, [], ct);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{root} is not writable ({e.Message}). Give the app write access to it and to incoming/, processing/, processed/ and error/.";
        }

        if (domains.Find(folder.Domain) is not { } domain || !domains.IsAvailable(domain))
        {
            return $"{root} imports {folder.Domain}, which this installation does not offer. Switch it on or change the folder's Domain.";
        }

        if (string.IsNullOrWhiteSpace(folder.Owner))
        {
            return $"{root} has no Owner. Set it to the e-mail of the user its imports are created as.";
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owner = folder.Owner.Trim().ToUpperInvariant();
        if (!await db.Users.AnyAsync(u => u.NormalizedUserName == owner || u.NormalizedEmail == owner, ct))
        {
            return $"The owner of {root}, {folder.Owner}, is not a user. Create the user or change the folder's Owner.";
        }

        return null;
    }

    /// <summary>Moves a complete file to processing/ and imports it; a file that vanished meanwhile is let go.</summary>
    private async Task TakeAsync(IntakeFolder folder, string path, CancellationToken ct)
    {
        _complete.Taken(path);
        var name = SafeName(Path.GetFileName(path));
        var target = IntakeDisk.UniquePath(Path.Combine(Root(folder), Processing), name);
        try
        {
            File.Move(path, target);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            logger.LogWarning("Intake: {File} vanished from {Folder}/incoming before it could be taken", name, folder.Path);
            return;
        }

        logger.LogInformation("Intake: took {File} from {Folder}", name, folder.Path);
        await ImportFromProcessingAsync(folder, target, name, recovering: false, ct);
    }

    /// <summary>Imports a file in processing/, unless the same file (name and content) was imported from this folder before.</summary>
    private async Task ImportFromProcessingAsync(IntakeFolder folder, string path, string name, bool recovering, CancellationToken ct)
    {
        var root = Root(folder);
        var storedName = Path.GetFileName(path);
        var owner = folder.Owner.Trim();
        ImportFiles.StoredFile stored;
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, useAsync: true);
            stored = await files.StoreAsync(stream, ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            logger.LogWarning("Intake: {File} vanished from {Folder}/processing while it was being read; nothing was imported", name, root);
            return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ImportProblem)
        {
            await _refused.RefuseAsync(root, path, name, IntakeDisk.Sha256Of(path), $"The file could not be read: {e.Message}", ct);
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A stop between creating the import and recording the file left an import of the owner's that no file points to.
        int? orphan = null;
        if (recovering)
        {
            var linked = db.Set<IntakeFile>().Where(f => f.ImportId != null).Select(f => f.ImportId);
            orphan = await db.Imports.AsNoTracking()
                .Where(i => i.FileSha256 == stored.Sha256 && i.FileName == name && i.CreatedBy == owner && !linked.Contains(i.Id))
                .OrderByDescending(i => i.Id).Select(i => (int?)i.Id).FirstOrDefaultAsync(ct);
        }

        // The same content, whatever its name: an integration that sends a file again names it anew (a time stamp), and
        // with AutoCommit a second import would apply its rows twice (two outside audits found new clients added twice).
        var earlier = await db.Set<IntakeFile>().AsNoTracking()
            .Where(f => f.Folder == root && f.Sha256 == stored.Sha256 && f.ImportId != null)
            .OrderBy(f => f.Id).FirstOrDefaultAsync(ct);
        if (orphan is null && earlier is not null)
        {
            files.Delete(stored);
            await _refused.RefuseAsync(root, path, name, stored.Sha256,
                $"This file{(earlier.FileName == name ? "" : $" (the same content as '{earlier.FileName}')")} was already imported from this folder as import #{earlier.ImportId} on {earlier.TakenAt:yyyy-MM-dd HH:mm} UTC; it was not imported again. "
                + "To import it again on purpose, upload it on the New Import page.", ct);
            return;
        }

        int importId;
        if (orphan is { } found)
        {
            files.Delete(stored);
            importId = found;
        }
        else
        {
            try
            {
                var import = await imports.CreateAsync(new NewImport(stored, name, domains.Find(folder.Domain)!.Value, folder.Operation, false, null, owner, FromWatchedFolder: true, CheckDuplicates: folder.CheckDuplicates), ct);
                importId = import.Id;
            }
            catch (ImportProblem e)
            {
                await _refused.RefuseAsync(root, path, name, stored.Sha256, e.Message, ct);
                return;
            }
        }

        db.Add(new IntakeFile
        {
            Folder = root,
            FileName = name,
            StoredName = storedName,
            Sha256 = stored.Sha256,
            Size = stored.Size,
            ImportId = importId,
            State = IntakeState.Processing,
            TakenAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Commits what is ready when the folder says so, and moves the files whose imports ended.</summary>
    private async Task AdvanceAsync(IntakeFolder folder, CancellationToken ct)
    {
        var root = Root(folder);
        await _refused.CompleteInterruptedAsync(root, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = await db.Set<IntakeFile>().Where(f => f.Folder == root && f.State == IntakeState.Processing && f.ImportId != null).ToListAsync(ct);
        foreach (var file in open)
        {
            var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == file.ImportId, ct);
            if (import is null)
            {
                continue;
            }

            if (import.Status == ImportStatus.ReadyForReview && folder.AutoCommit && !_autoCommitRefused.Contains(import.Id))
            {
                try
                {
                    await imports.QueueCommitAsync(import.Id, folder.Owner.Trim(), ct);
                }
                catch (ImportProblem e)
                {
                    // A usage limit, or someone else acted first: said once; the import waits for a person like any other,
                    // and its page and summary say why, so the person who opens it knows what to do (not only the log).
                    _autoCommitRefused.Add(import.Id);
                    logger.LogWarning("Intake: import {ImportId} of {File} was not committed automatically: {Reason}", import.Id, file.FileName, e.Message);
                    await WarnNotCommittedAsync(import.Id, e.Message, ct);
                }
            }
            else if (import.Status.IsFinal())
            {
                await FinishAsync(db, file, import, Processing, ct);
                await db.SaveChangesAsync(ct);
            }
        }

        // A file whose commit failed or was cancelled went to error/; when its import is replayed and commits, the file
        // follows it to processed/ with its results, as at the end of any import (SPEC 19).
        var replayed = await (from f in db.Set<IntakeFile>()
                              where f.Folder == root && f.State == IntakeState.Error && f.ImportId != null
                              join i in db.Imports on f.ImportId equals i.Id
                              where i.Status == ImportStatus.Committed
                              select new { File = f, Import = i }).ToListAsync(ct);
        foreach (var done in replayed)
        {
            await FinishAsync(db, done.File, done.Import, Error, ct);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The file warning of a folder's import whose automatic commit was refused (once, however often it is tried again after a restart).</summary>
    private Task WarnNotCommittedAsync(int importId, string reason, CancellationToken ct)
    {
        var warning = $"Not committed automatically: {reason} Confirm it on this page when it can be.";
        return ImportChanges.ChangeAsync(dbFactory, importId, import =>
        {
            if (!import.FileWarnings.Contains(warning))
            {
                import.FileWarnings.Add(warning);
            }
        }, ct);
    }

    /// <summary>
    /// Writes the results (or the reasons) beside the file, then moves it out of <paramref name="from"/> (processing/, or
    /// error/ after a replay). Its destination is decided and saved first: a stop anywhere after that finishes to the same
    /// place at the restart. Deciding it again found the name the file itself had just taken gone from processing/ and
    /// free in processed/ (an outside audit: a file moved to "x (2).csv" was then recorded as "x.csv", and its results
    /// written over those of the earlier import of x.csv).
    /// </summary>
    private async Task FinishAsync(BulkImportDbContext db, IntakeFile file, Import import, string from, CancellationToken ct)
    {
        var source = Path.Combine(file.Folder, from, file.StoredName);
        if (file.Destination is null)
        {
            file.Destination = await DestinationAsync(db, file, import, source, ct);
            await db.SaveChangesAsync(ct);
        }

        // The saved destination says how it ended, even if a replay has changed the import's status since: the next
        // look moves a file in error/ on to processed/ when its import commits, as after any replay.
        var committed = Path.GetDirectoryName(file.Destination) == Processed;
        var destination = Path.Combine(file.Folder, file.Destination);
        if (committed)
        {
            await IntakeDisk.WriteWholeAsync(destination + ".results.csv", stream => results.WriteAsync(import, stream, ct), ct);
        }
        else
        {
            var text = await ReasonsAsync(import, ct);
            await IntakeDisk.WriteWholeAsync(destination + ".errors.txt", stream => stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct).AsTask(), ct);
        }

        // Already moved when a stop came between the move and the record: only the record is left to do.
        if (File.Exists(source))
        {
            File.Move(source, destination);
        }

        // The reasons of the failure that a replay overcame are no longer true.
        File.Delete(source + ".errors.txt");

        file.StoredName = Path.GetFileName(destination);
        file.State = committed ? IntakeState.Processed : IntakeState.Error;
        file.Destination = null;
        file.FinishedAt = clock.GetUtcNow().UtcDateTime;
        logger.LogInformation("Intake: {File} (import {ImportId}, {Status}) moved to {Target}", file.FileName, import.Id, import.Status, Path.GetDirectoryName(destination));
    }

    /// <summary>
    /// Where a file goes as its import ends, relative to its folder: its name in processed/ or error/, made unique there
    /// against the files on disk and the destinations other records have saved but not reached yet.
    /// </summary>
    private static async Task<string> DestinationAsync(BulkImportDbContext db, IntakeFile file, Import import, string source, CancellationToken ct)
    {
        var sub = import.Status == ImportStatus.Committed ? Processed : Error;
        // A record saved before destinations were (an older version stopped between the move and the record): the file
        // is already in place under its name.
        if (!File.Exists(source))
        {
            return Path.Combine(sub, file.StoredName);
        }

        return await IntakeDestinations.UniqueAsync(db, file.Folder, sub, file.StoredName, file.Id, ct);
    }

    /// <summary>errors.txt: what the alert e-mail says, with up to <see cref="RowsListed"/> rows not imported and the rows the commit never reached as one line.</summary>
    private async Task<string> ReasonsAsync(Import import, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var blank = await ImportReports.BlankRowsAsync(db, import.Id, ct);
        var notImported = ImportOutcomes.NotImported(import, blank);
        var rows = await ImportReports.NotImportedRowsAsync(db, import, 0, RowsListed, ct, notReached: false);
        var notReached = await ImportReports.NotReachedAsync(db, import, ct);
        var counts = new ReportCounts(import.TotalRows, import.Inserted, import.Updated, notImported, blank);
        return AlertMessage.Body(import, domains.DisplayName(import.Domain), counts, rows, notReached, ImportEndingAlerts.ReportLink(email.CurrentValue, import.Id), support.CurrentValue.Sentence);
    }

    /// <summary>The folder's full path, as records name it.</summary>
    public static string Root(IntakeFolder folder) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder.Path));

    /// <summary>
    /// A file's name as shown and written: no path (either slash), no control or invisible characters (a name may hold
    /// a tab, a new line or a backslash on Linux), never "." or "..": the rules of an upload's name.
    /// </summary>
    public static string SafeName(string name) => Imports.SafeFileName.Of(name);
}
