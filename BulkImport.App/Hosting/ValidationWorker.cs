using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Imports.Staging;

namespace BulkImport.App.Hosting;

/// <summary>Reads and validates uploaded files in the background, one at a time.</summary>
public sealed class ValidationWorker(ImportWorkQueue queue, ImportStagingService staging, ILogger<ValidationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var importId in queue.Validation.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await staging.RunAsync(importId, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Validation of import {ImportId} failed unexpectedly", importId);
            }
        }
    }
}
