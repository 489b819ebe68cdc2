using BulkImport.Core.Alerts;
using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Results;
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
    private readonly IntakeFolderCheck _check = new(dbFactory, domains, health, logger);
    private readonly FinishedFiles _finished = new(dbFactory, domains, results, email, support, clock, logger);

    /// <summary>Finishes what a stopped process left in processing/: each file is matched to its record or its import, or imported now.</summary>
    public async Task RecoverAsync(CancellationToken ct)
    {
        foreach (var folder in options.CurrentValue.Folders)
        {
            if (await _check.CheckAsync(folder, ct) is not null)
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
            if (await _check.CheckAsync(folder, ct) is not null)
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
                await _finished.FinishAsync(db, file, import, Processing, ct);
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
            await _finished.FinishAsync(db, done.File, done.Import, Error, ct);
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

    /// <summary>The folder's full path, as records name it.</summary>
    public static string Root(IntakeFolder folder) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder.Path));

    /// <summary>
    /// A file's name as shown and written: no path (either slash), no control or invisible characters (a name may hold
    /// a tab, a new line or a backslash on Linux), never "." or "..": the rules of an upload's name.
    /// </summary>
    public static string SafeName(string name) => Imports.SafeFileName.Of(name);
}
