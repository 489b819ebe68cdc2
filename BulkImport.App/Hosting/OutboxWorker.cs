using BulkImport.Core.Alerts;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Hosting;

/// <summary>
/// Sends the alert outbox in the background: at once when an ending wrote messages, when a retry falls due, and at
/// least every <see cref="EmailOptions.PollInterval"/>. It starts after the database startup, like the other workers.
/// </summary>
public sealed class OutboxWorker(OutboxSender sender, OutboxSignal signal, IOptionsMonitor<EmailOptions> email, TimeProvider clock, ILogger<OutboxWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = email.CurrentValue.PollInterval;
            try
            {
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
