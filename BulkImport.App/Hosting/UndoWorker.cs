using BulkImport.Core.Imports.Undo;

namespace BulkImport.App.Hosting;

/// <summary>
/// Undoes imports in the background, one at a time, independent of any browser (SPEC 21). At start, before the server
/// takes requests, an import a stopped process left Undoing is marked UndoFailed: undoing it again resumes it.
/// </summary>
public sealed class UndoWorker(UndoQueue queue, UndoRunner runner, UndoCommands undo, ILogger<UndoWorker> logger)
    : ImportQueueWorker(queue.Imports.Reader, logger, "Undo")
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
}
