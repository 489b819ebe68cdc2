using BulkImport.Core.Alerts;
using BulkImport.Core.Jobs;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Hosting;

/// <summary>
/// Sends the alert outbox in the background: at once when an ending wrote messages, when a retry falls due, and at
/// least every <see cref="EmailOptions.PollInterval"/>. It starts after the database startup, like the other workers.
/// One instance sends at a time, the holder of the outbox's lease (<see cref="WorkLeases"/>): the others look again at
/// each poll and take the sending over when that lease lapses.
/// </summary>
public sealed class OutboxWorker(OutboxSender sender, OutboxSignal signal, IOptionsMonitor<EmailOptions> email, TimeProvider clock, WorkLeases leases,
    ILogger<OutboxWorker> logger)
    : BackgroundService
{
    /// <summary>The kind of the outbox's lease, work of the whole app.</summary>
    public const string LeaseKind = "Outbox";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        WorkLease? lease = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = email.CurrentValue.PollInterval;
            try
            {
                lease = await leases.KeepAsync(lease, LeaseKind, stoppingToken);
                if (lease is null)
                {
                    // Another instance sends; look again at the next poll.
                    await signal.WaitAsync(wait, stoppingToken);
                    continue;
                }

                // A full batch may have more behind it: look again at once.
                if (await sender.SendDueAsync(stoppingToken) >= OutboxSender.BatchSize)
                {
                    continue;
                }

                if (await sender.NextDueAsync(stoppingToken) is { } next)
                {
                    var untilDue = next - clock.GetUtcNow().UtcDateTime;
                    wait = untilDue < TimeSpan.Zero ? TimeSpan.Zero : untilDue < wait ? untilDue : wait;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database was busy or gone for a moment: the messages stay in the outbox and are tried at the next look.
                logger.LogError(e, "The alert outbox could not be read or updated");
            }

            try
            {
                await signal.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
