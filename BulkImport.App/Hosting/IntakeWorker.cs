using BulkImport.Core.Intake;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Hosting;

/// <summary>
/// Looks at the watched folders every <see cref="IntakeOptions.ScanInterval"/>, after finishing what a stopped process
/// left in their processing/ folders. It starts after the database startup, like the other workers.
/// </summary>
public sealed class IntakeWorker(FolderIntake intake, IOptionsMonitor<IntakeOptions> options, ILogger<IntakeWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recovered = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!recovered)
                {
                    await intake.RecoverAsync(stoppingToken);
                    recovered = true;
                }

                await intake.ScanAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A database or disk hiccup: the files stay where they are and the next look goes on from there.
                logger.LogError(e, "Intake: looking at the watched folders failed");
            }

            try
            {
                await Task.Delay(options.CurrentValue.ScanInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
