using System.Security.Cryptography;
using System.Text;
using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using BulkImport.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BulkImport.Core.Alerts;

/// <summary>
/// Writes the Integration Alerts of one ending of an import into the outbox (SPEC section 18): one message per recipient
/// whose domains include the import's, plus its creator when the upload asked for it (<see cref="Import.NotifyMe"/>).
/// The messages are only added to the context: they are saved with the status change that ended the import.
/// </summary>
public sealed class ImportEndingAlerts(Domains.ImportDomains domains, IOptionsMonitor<EmailOptions> email, IOptionsMonitor<SupportOptions> support, OutboxSignal signal, TimeProvider clock)
{
    /// <summary>How many problems an alert lists; View Results has them all.</summary>
    public const int ProblemsShown = 10;

    /// <summary>The four endings of the source article; each is mailed.</summary>
    public static bool IsAlerted(ImportStatus status) =>
        status is ImportStatus.Committed or ImportStatus.ValidationFailed or ImportStatus.CommitFailed or ImportStatus.Cancelled;

    /// <summary>Adds the messages of <paramref name="import"/>'s ending (its current status) to <paramref name="db"/>; returns how many.</summary>
    public async Task<int> AddAsync(BulkImportDbContext db, Import import, CancellationToken ct)
    {
        var recipients = await db.Set<AlertRecipient>().AsNoTracking().ToListAsync(ct);
        var domain = import.Domain.ToString();
        var to = recipients
            .Where(r => r.Domains.Count == 0 || r.Domains.Contains(domain, StringComparer.OrdinalIgnoreCase))
            .Select(r => r.Email)
            .ToList();
        if (import.NotifyMe && AlertRecipients.IsAddress(import.CreatedBy))
        {
            to.Add(import.CreatedBy);
        }

        to = [.. to.Distinct(StringComparer.OrdinalIgnoreCase)];
        if (to.Count == 0)
        {
            return 0;
        }

        var ending = (await db.Set<OutboxMessage>().Where(m => m.ImportId == import.Id).MaxAsync(m => (int?)m.Ending, ct) ?? 0) + 1;
        var blank = await ImportReports.BlankRowsAsync(db, import.Id, ct);
        var notImported = ImportOutcomes.NotImported(import, blank);
        var problems = await ImportReports.NotImportedRowsAsync(db, import, 0, ProblemsShown, ct, notReached: false);
        var notReached = await ImportReports.NotReachedAsync(db, import, ct);
        var counts = new ReportCounts(import.TotalRows, import.Inserted, import.Updated, notImported, blank);
        var options = email.CurrentValue;
        var subject = AlertMessage.Subject(import, notImported);
        var body = AlertMessage.Body(import, domains.DisplayName(import.Domain), counts, problems, notReached, ReportLink(options, import.Id), support.CurrentValue.Sentence);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var address in to)
        {
            db.Add(new OutboxMessage
            {
                ImportId = import.Id,
                Ending = ending,
                EndingStatus = import.Status.ToString(),
                To = address,
                Subject = subject,
                Body = body,
                MessageId = MessageId(import.Id, ending, import.Status, address, options.From),
                Status = OutboxStatus.Pending,
                CreatedAt = now,
                NextAttemptAt = now,
            });
        }

        return to.Count;
    }

    /// <summary>Wakes the sender after a transaction that wrote messages with <see cref="AddAsync"/> committed.</summary>
    public void WakeSender() => signal.Wake();

    /// <summary>The page a recipient opens: View Results of the import.</summary>
    public static string ReportLink(EmailOptions options, int importId) => $"{options.LinkBaseUrl.TrimEnd('/')}/imports/{importId}/report";

    /// <summary>
    /// One Message-ID per import, ending and recipient, the same on every attempt:
    /// <c>bulkimport.12.1.committed.3f2a9c0d@example.org</c> (the recipient as a hash, so the address does not travel in
    /// another header). The ending's status is part of it: two changes racing to end an import (a cancel as the file
    /// fails validation) both number their ending 1, and only one is saved; without the status the loser failed on the
    /// unique Message-ID instead of on the status it expected, and was not decided again.
    /// </summary>
    public static string MessageId(int importId, int ending, ImportStatus status, string recipient, string from)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recipient.Trim().ToLowerInvariant())))[..16];
        var at = from.LastIndexOf('@');
        var host = at >= 0 && at < from.Length - 1 ? from[(at + 1)..].Trim().TrimEnd('>') : "bulkimport.local";
        return $"bulkimport.{importId}.{ending}.{status.ToString().ToLowerInvariant()}.{hash}@{host}";
    }
}
