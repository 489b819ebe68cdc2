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
/// The files of a watched folder whose imports ended (SPEC 19): to <c>processed/</c> with <c>&lt;name&gt;.results.csv</c>
/// beside it when the import committed, to <c>error/</c> with <c>&lt;name&gt;.errors.txt</c> when it did not, and on from
/// error/ to processed/ when a replay commits it.
/// </summary>
internal sealed class FinishedFiles(
    IDbContextFactory<BulkImportDbContext> dbFactory,
    ImportDomains domains,
    ResultsFile results,
    IOptionsMonitor<EmailOptions> email,
    IOptionsMonitor<SupportOptions> support,
    TimeProvider clock,
    ILogger logger)
{
    /// <summary>
    /// Writes the results (or the reasons) beside the file, then moves it out of <paramref name="from"/> (processing/, or
    /// error/ after a replay). Its destination is decided and saved first: a stop anywhere after that finishes to the same
    /// place at the restart. Deciding it again found the name the file itself had just taken gone from processing/ and
    /// free in processed/ (an outside audit: a file moved to "x (2).csv" was then recorded as "x.csv", and its results
    /// written over those of the earlier import of x.csv).
    /// </summary>
    public async Task FinishAsync(BulkImportDbContext db, IntakeFile file, Import import, string from, CancellationToken ct)
    {
        var source = Path.Combine(file.Folder, from, file.StoredName);
        if (file.Destination is null)
        {
            file.Destination = await DestinationAsync(db, file, import, source, ct);
            await db.SaveChangesAsync(ct);
        }

        // The saved destination says how it ended, even if a replay has changed the import's status since: the next
        // look moves a file in error/ on to processed/ when its import commits, as after any replay.
        var committed = Path.GetDirectoryName(file.Destination) == FolderIntake.Processed;
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
        var sub = import.Status == ImportStatus.Committed ? FolderIntake.Processed : FolderIntake.Error;
        // A record saved before destinations were (an older version stopped between the move and the record): the file
        // is already in place under its name.
        if (!File.Exists(source))
        {
            return Path.Combine(sub, file.StoredName);
        }

        return await IntakeDestinations.UniqueAsync(db, file.Folder, sub, file.StoredName, file.Id, ct);
    }

    /// <summary>errors.txt: what the alert e-mail says, with up to <see cref="FolderIntake.RowsListed"/> rows not imported and the rows the commit never reached as one line.</summary>
    private async Task<string> ReasonsAsync(Import import, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var blank = await ImportReports.BlankRowsAsync(db, import.Id, ct);
        var notImported = ImportOutcomes.NotImported(import, blank);
        var rows = await ImportReports.NotImportedRowsAsync(db, import, 0, FolderIntake.RowsListed, ct, notReached: false);
        var notReached = await ImportReports.NotReachedAsync(db, import, ct);
        var counts = new ReportCounts(import.TotalRows, import.Inserted, import.Updated, notImported, blank);
        return AlertMessage.Body(import, domains.DisplayName(import.Domain), counts, rows, notReached, ImportEndingAlerts.ReportLink(email.CurrentValue, import.Id), support.CurrentValue.Sentence);
    }
}
