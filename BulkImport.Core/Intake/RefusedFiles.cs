using System.Text;
using BulkImport.Core.Alerts;
using BulkImport.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BulkImport.Core.Intake;

/// <summary>
/// The files of a watched folder that are not imported at all (the same file again, unreadable, refused by the import):
/// to error/ with <c>&lt;name&gt;.errors.txt</c> saying why, and recorded so a repeat is recognised too (SPEC 19).
/// Crash-safe as a finish is: the record, with where the file goes, is saved first, then errors.txt is written and the
/// file moved, and the next look (after a restart, the first) completes a refusal a stop interrupted. Moving first left
/// a file in error/ with no record after a stop in between, missing from what the records say became of each file.
/// </summary>
internal sealed class RefusedFiles(
    IDbContextFactory<BulkImportDbContext> dbFactory,
    IOptionsMonitor<SupportOptions> support,
    TimeProvider clock,
    ILogger logger)
{
    /// <summary>Refuses a file of <paramref name="root"/>'s processing/ for <paramref name="reason"/>.</summary>
    public async Task RefuseAsync(string root, string path, string name, string sha256, string reason, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var storedName = Path.GetFileName(path);
        var file = new IntakeFile
        {
            Folder = root,
            FileName = name,
            StoredName = storedName,
            Sha256 = sha256,
            Size = File.Exists(path) ? new FileInfo(path).Length : 0,
            // Processing until it has moved: a file in processing/ with a record is never imported at a restart, and a
            // record in processing/ with no import and a destination is a refusal to complete.
            State = IntakeState.Processing,
            Reason = reason,
            TakenAt = clock.GetUtcNow().UtcDateTime,
            Destination = await IntakeDestinations.UniqueAsync(db, root, FolderIntake.Error, storedName, 0, ct),
        };
        db.Add(file);
        await db.SaveChangesAsync(ct);

        await CompleteAsync(file, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Completes the refusals of <paramref name="root"/> that a stop interrupted, to the destinations they saved.</summary>
    public async Task CompleteInterruptedAsync(string root, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var interrupted = await db.Set<IntakeFile>()
            .Where(f => f.Folder == root && f.State == IntakeState.Processing && f.ImportId == null && f.Destination != null)
            .OrderBy(f => f.Id).ToListAsync(ct);
        foreach (var file in interrupted)
        {
            logger.LogWarning("Intake: the refusal of {File} in {Folder} was stopped half-way; completing it", file.FileName, root);
            await CompleteAsync(file, ct);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Writes errors.txt at the saved destination and moves the file there; the caller saves the record.</summary>
    private async Task CompleteAsync(IntakeFile file, CancellationToken ct)
    {
        var source = Path.Combine(file.Folder, FolderIntake.Processing, file.StoredName);
        var destination = Path.Combine(file.Folder, file.Destination!);
        var text = new StringBuilder().AppendLine($"{file.FileName} was not imported.").AppendLine().AppendLine(file.Reason);
        if (support.CurrentValue.Sentence is { } help)
        {
            text.AppendLine().AppendLine(help);
        }

        await IntakeDisk.WriteWholeAsync(destination + ".errors.txt", stream => stream.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), ct).AsTask(), ct);
        // Already moved when a stop came between the move and the record (or gone, when it vanished before the refusal).
        if (File.Exists(source))
        {
            File.Move(source, destination);
        }

        file.StoredName = Path.GetFileName(destination);
        file.State = IntakeState.Error;
        file.Destination = null;
        file.FinishedAt = clock.GetUtcNow().UtcDateTime;
        logger.LogWarning("Intake: {File} moved to {Folder}/error: {Reason}", file.FileName, file.Folder, file.Reason);
    }
}
