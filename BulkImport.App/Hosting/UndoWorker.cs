using BulkImport.Core.Data;
using BulkImport.Core.Imports.Undo;
using BulkImport.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Hosting;

/// <summary>
/// Undoes imports in the background, independent of any browser (SPEC 21), as jobs of the shared <see cref="JobPool"/>
/// beside validations and commits; on SQLite its batches take turns with theirs (<see cref="WriteTurns"/>). At start,
/// before the server takes requests, an import a stopped process left Undoing is marked UndoFailed: undoing it again
/// resumes it.
/// </summary>
public sealed class UndoWorker(UndoQueue queue, JobPool pool, UndoRunner runner, UndoCommands undo, IDbContextFactory<BulkImportDbContext> dbFactory,
    IOptionsMonitor<JobOptions> options, ILogger<UndoWorker> logger)
    : ImportQueueWorker(queue.Imports.Reader, pool, logger, JobKind.Undo)
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var interrupted = await undo.MarkInterruptedAsync(cancellationToken);
        if (interrupted > 0)
        {
            logger.LogWarning("{Count} undos were interrupted by the last stop; they are UndoFailed until undone again", interrupted);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override Task RunAsync(int importId, CancellationToken stoppingToken) => runner.RunAsync(importId, stoppingToken);

    /// <summary>The job is the undoing person's; it is large by the committed rows still to undo.</summary>
    protected override async Task<(string User, bool Large)?> DescribeAsync(int importId, CancellationToken stoppingToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
        var import = await db.Imports.AsNoTracking().Where(i => i.Id == importId)
            .Select(i => new { User = i.UndoneBy ?? i.CreatedBy, Left = i.Inserted + i.Updated - i.UndoneRows - i.KeptRows }).SingleOrDefaultAsync(stoppingToken);
        return import is null ? null : (import.User, import.Left > options.CurrentValue.LargeJobRows);
    }
}
