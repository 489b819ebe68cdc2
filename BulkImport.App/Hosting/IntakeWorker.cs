using BulkImport.Core.Intake;
using BulkImport.Core.Jobs;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Hosting;

/// <summary>
/// Looks at the watched folders every <see cref="IntakeOptions.ScanInterval"/>, after finishing what a stopped process
/// left in their processing/ folders. It starts after the database startup, like the other workers. One instance
/// looks at a time, the holder of the intake's lease (<see cref="WorkLeases"/>): two instances moving the same files of
/// a shared data folder would race. The others take it over when that lease lapses, starting with what the stopped
/// holder left in processing/.
/// </summary>
public sealed class IntakeWorker(FolderIntake intake, IOptionsMonitor<IntakeOptions> options, WorkLeases leases, ILogger<IntakeWorker> logger) : BackgroundService
{
    /// <summary>The kind of the intake's lease, work of the whole app.</summary>
    public const string LeaseKind = "Intake";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var recovered = false;
        WorkLease? lease = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var held = lease;
                lease = await leases.KeepAsync(lease, LeaseKind, stoppingToken);
                if (lease != held)
                {
                    // Newly this instance's: what the last holder left in processing/ is finished first.
                    recovered = false;
                }

                // Without the lease another instance looks at the folders.
                if (lease is not null)
                {
                    if (!recovered)
                    {
                        await intake.RecoverAsync(stoppingToken);
                        recovered = true;
                    }

                    await intake.ScanAsync(stoppingToken);
                }
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
