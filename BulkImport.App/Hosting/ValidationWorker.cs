using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Imports.Staging;

namespace BulkImport.App.Hosting;

/// <summary>Reads and validates uploaded files in the background, one at a time.</summary>
public sealed class ValidationWorker(ImportWorkQueue queue, ImportStagingService staging, ILogger<ValidationWorker> logger)
    : ImportQueueWorker(queue.Validation.Reader, logger, "Validation")
{
    protected override Task RunAsync(int importId, CancellationToken stoppingToken) => staging.RunAsync(importId, stoppingToken);
}
