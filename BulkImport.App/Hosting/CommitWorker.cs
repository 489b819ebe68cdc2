using BulkImport.Core.Imports.Commit;

namespace BulkImport.App.Hosting;

/// <summary>
/// The one background consumer that commits imports, so writers never contend. It does not depend on any browser:
/// closing every tab changes nothing.
/// </summary>
public sealed class CommitWorker(ImportWorkQueue queue, ImportCommitRunner runner, ILogger<CommitWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var importId in queue.Commit.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await runner.RunAsync(importId, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Commit of import {ImportId} failed unexpectedly", importId);
            }
        }
    }
}
