using BulkImport.Core.Data;
using BulkImport.Core.Domains.Common;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Alerts;

/// <summary>One recipient as the API and the Administration page show it: the address and its domains (empty: all).</summary>
public sealed record AlertRecipientEntry(string Email, IReadOnlyList<string> Domains);

/// <summary>One recipient as a person sent it, checked by <see cref="AlertRecipients.ReplaceAsync"/>.</summary>
public sealed record AlertRecipientInput(string? Email, IReadOnlyList<string?>? Domains);

/// <summary>The Integration Alert recipients an administrator manages (SPEC section 18).</summary>
public sealed class AlertRecipients(IDbContextFactory<BulkImportDbContext> dbFactory, Domains.ImportDomains registered)
{
    public async Task<IReadOnlyList<AlertRecipientEntry>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = await db.Set<AlertRecipient>().AsNoTracking().ToListAsync(ct);
        return [.. all.OrderBy(r => r.Email, StringComparer.OrdinalIgnoreCase).Select(r => new AlertRecipientEntry(r.Email, r.Domains))];
    }

    /// <summary>
    /// Replaces the whole list. Every address is checked first: one that is not an address, or is listed twice, or a
    /// domain that does not exist, refuses the change (400) naming it, and nothing is changed.
    /// </summary>
    public async Task<IReadOnlyList<AlertRecipientEntry>> ReplaceAsync(IReadOnlyList<AlertRecipientInput?>? recipients, CancellationToken ct)
    {
        if (recipients is null)
        {
            throw ImportProblem.BadRequest("Send the recipients as {\"recipients\": [{\"email\": \"name@example.org\", \"domains\": []}]} (an empty list removes them all).");
        }

        var clean = new List<AlertRecipient>();
        for (var i = 0; i < recipients.Count; i++)
        {
            var entry = recipients[i] ?? throw ImportProblem.BadRequest($"Recipient {i + 1} is empty. Give it an \"email\".");
            var email = (entry.Email ?? "").Trim();
            if (!IsAddress(email))
            {
                throw ImportProblem.BadRequest(email.Length == 0
                    ? $"Recipient {i + 1} has no e-mail address. Give each recipient an address like name@example.org."
                    : $"'{entry.Email}' (recipient {i + 1}) is not an e-mail address. Use an address like name@example.org.");
            }

            if (clean.Exists(r => string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase)))
            {
                throw ImportProblem.BadRequest($"'{email}' is listed twice. List each recipient once, with all the domains it should hear about.");
            }

            var domains = new List<string>();
            foreach (var text in entry.Domains ?? [])
            {
                var domain = registered.Find(text)
                    ?? throw ImportProblem.BadRequest($"'{text}' (recipient '{email}') is not a domain. Use {string.Join(", ", registered.Registered.Select(d => d.Domain.Name))}, or no domains for all of them.");

                if (!domains.Contains(domain.ToString()))
                {
                    domains.Add(domain.ToString());
                }
            }

            clean.Add(new AlertRecipient { Email = email, Domains = domains });
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<AlertRecipient>().ExecuteDeleteAsync(ct);
        db.AddRange(clean);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return [.. clean.OrderBy(r => r.Email, StringComparer.OrdinalIgnoreCase).Select(r => new AlertRecipientEntry(r.Email, r.Domains))];
    }

    /// <summary>An address as the Email field accepts it (no display name, at most 254 characters).</summary>
    public static bool IsAddress(string? text) => !string.IsNullOrWhiteSpace(text) && FieldFormats.Email(text.Trim()).IsValid;
}
