using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BulkImport.Core.Alerts;

/// <summary>
/// Sends the outbox's due messages. A message is marked Sent as soon as the server accepted it, before the next one is
/// sent, so it is never sent again (a repeat needs a crash between the server's answer and that update, and carries
/// the same Message-ID). A failure the server may recover from (down, busy, 4xx) leaves it Pending with a doubling
/// delay; a refusal for good (5xx) marks it Failed. Nothing is dropped.
/// </summary>
public sealed class OutboxSender(
    IDbContextFactory<BulkImportDbContext> dbFactory,
    IOptionsMonitor<EmailOptions> email,
    IOptions<ImportOptions> importOptions,
    TimeProvider clock,
    ILogger<OutboxSender> logger)
{
    /// <summary>Messages sent through one connection before the sender looks again.</summary>
    public const int BatchSize = 50;

    /// <summary>The folder of .eml files when no SMTP host is configured.</summary>
    public string MailFolder => Path.Combine(importOptions.Value.DataFolder, "mail");

    /// <summary>Sends what is due now; returns how many messages were attempted.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var options = email.CurrentValue;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Set<OutboxMessage>()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id)
            .Take(BatchSize)
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        IMailSession session;
        try
        {
            session = await Transport(options).OpenAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Alert e-mails wait: the mail server could not be reached ({Reason}); {Count} messages will be tried again", e.Message, due.Count);
            foreach (var message in due)
            {
                Retry(message, options, e);
            }

            await db.SaveChangesAsync(CancellationToken.None);
            return due.Count;
        }

        await using (session)
        {
            foreach (var message in due)
            {
                var broken = false;
                try
                {
                    await session.SendAsync(ToMime(message, options), ct);
                    message.Status = OutboxStatus.Sent;
                    message.Attempts++;
                    message.SentAt = clock.GetUtcNow().UtcDateTime;
                    message.LastError = null;
                }
                catch (MailRefusedException e)
                {
                    logger.LogWarning("Alert e-mail {OutboxId} for import {ImportId} was refused: {Reason}", message.Id, message.ImportId, e.Message);
                    message.Status = OutboxStatus.Failed;
                    message.Attempts++;
                    message.LastError = e.Message;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Alert e-mail {OutboxId} for import {ImportId} waits: {Reason}", message.Id, message.ImportId, e.Message);
                    Retry(message, options, e);
                    // The session is not to be trusted after an unexpected failure: the rest go through a new one.
                    broken = true;
                }

                // At once, before the next message: a message the server accepted must never be sent again.
                await db.SaveChangesAsync(CancellationToken.None);
                if (broken)
                {
                    break;
                }
            }
        }

        return due.Count;
    }

    /// <summary>When the next pending message is due; null when none is pending.</summary>
    public async Task<DateTime?> NextDueAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<OutboxMessage>().Where(m => m.Status == OutboxStatus.Pending).MinAsync(m => (DateTime?)m.NextAttemptAt, ct);
    }

    private void Retry(OutboxMessage message, EmailOptions options, Exception e)
    {
        message.Attempts++;
        message.LastError = e.Message;
        message.NextAttemptAt = clock.GetUtcNow().UtcDateTime + Backoff(options, message.Attempts);
    }

    /// <summary>The wait after <paramref name="attempts"/> failed attempts: the retry delay, doubled for each further one, at most the longest delay.</summary>
    public static TimeSpan Backoff(EmailOptions options, int attempts)
    {
        var ticks = options.RetryDelay.Ticks * Math.Pow(2, Math.Clamp(attempts - 1, 0, 40));
        return TimeSpan.FromTicks((long)Math.Min(ticks, options.MaxRetryDelay.Ticks));
    }

    private IMailTransport Transport(EmailOptions options) =>
        string.IsNullOrWhiteSpace(options.Smtp.Host) ? new MailFolderTransport(MailFolder) : new SmtpMailTransport(options.Smtp);

    /// <summary>The message as sent: the same headers on every attempt (Message-ID, Date of the ending).</summary>
    public static MimeMessage ToMime(OutboxMessage message, EmailOptions options)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(options.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.MessageId = message.MessageId;
        mime.Date = new DateTimeOffset(DateTime.SpecifyKind(message.CreatedAt, DateTimeKind.Utc));
        mime.Headers.Add("X-BulkImport-Import-Id", message.ImportId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        mime.Body = new TextPart("plain") { Text = message.Body };
        return mime;
    }
}
