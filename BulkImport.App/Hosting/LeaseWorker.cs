using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Imports.Undo;
using BulkImport.Core.Jobs;

namespace BulkImport.App.Hosting;

/// <summary>
/// The heartbeat of this instance's leases (<see cref="WorkLeases"/>), every <see cref="JobOptions.HeartbeatSeconds"/>.
/// On PostgreSQL, shared by several instances, each beat also looks for imports whose work nobody holds (waiting for a
/// worker on any instance, or left by an instance that died and whose lease lapsed) and rings this instance's doorbell
/// for them: the job pool claims each, so waiting work spreads over the instances and a dead instance's work is taken
/// over within a lease length and a heartbeat. On SQLite it only beats.
/// </summary>
public sealed class LeaseWorker(WorkLeases leases, ImportWorkQueue queue, UndoQueue undos, ILogger<LeaseWorker> logger) : BackgroundService
{
    /// <summary>The statuses whose import has background work to do, and where that work is queued.</summary>
    private static readonly string[] Workable = [nameof(ImportStatus.Validating), nameof(ImportStatus.Queued), nameof(ImportStatus.Committing), nameof(ImportStatus.Undoing)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await leases.RenewAsync(stoppingToken);
                foreach (var (importId, status) in await leases.UnleasedImportsAsync(Workable, stoppingToken))
                {
                    var doorbell = status switch
                    {
                        nameof(ImportStatus.Validating) => queue.Validation,
                        nameof(ImportStatus.Undoing) => undos.Imports, // an undo goes on from the first row not undone (SPEC 21)
                        _ => queue.Commit,
                    };
                    await doorbell.Writer.WriteAsync(importId, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database was busy or gone for a moment: the leases are renewed and the work found at the next beat.
                logger.LogWarning("Looking for work nobody holds failed ({Error}); trying again at the next heartbeat", e.Message);
            }

            try
            {
                await Task.Delay(leases.Heartbeat, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
