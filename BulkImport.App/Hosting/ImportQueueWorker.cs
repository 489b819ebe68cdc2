using System.Threading.Channels;

namespace BulkImport.App.Hosting;

/// <summary>
/// Takes import IDs from one queue and works them one at a time, in the background and independent of any browser.
/// A failure of one import is logged (and recorded on the import by the step itself); the worker goes on.
/// </summary>
public abstract class ImportQueueWorker(ChannelReader<int> queue, ILogger logger, string step) : BackgroundService
{
    protected abstract Task RunAsync(int importId, CancellationToken stoppingToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var importId in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(importId, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "{Step} of import {ImportId} failed unexpectedly", step, importId);
            }
        }
    }
}
