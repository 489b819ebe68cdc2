using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Retention;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Hosting;

/// <summary>Applies the retention period (<see cref="RowRetention"/>) once at start and then every <c>Import:RetentionInterval</c>.</summary>
public sealed class RetentionWorker(RowRetention retention, IOptions<ImportOptions> options, TimeProvider clock, ILogger<RetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionInterval, clock);
        do
        {
            try
            {
                await retention.ApplyAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The next run tries again; nothing is half done that it cannot finish.
                logger.LogError(e, "Applying the retention period failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
