using BulkImport.App.Security;
using BulkImport.Core.Alerts;
using BulkImport.Core.Imports;

namespace BulkImport.App.Api;

/// <summary>Integration Alert recipients and the outbox (SPEC section 18): Admin only.</summary>
public static class AlertsEndpoints
{
    public sealed record AlertRecipientsBody(List<AlertRecipientInput?>? Recipients);

    public sealed record AlertRecipientsDto(IReadOnlyList<AlertRecipientEntry> Recipients);

    /// <summary>One message of the outbox as the API shows it.</summary>
    public sealed record OutboxMessageDto(long Id, int ImportId, int Ending, string EndingStatus, string To, string Subject, OutboxStatus Status,
        int Attempts, string? LastError, DateTime CreatedAt, DateTime? NextAttemptAt, DateTime? SentAt, string MessageId)
    {
        public static OutboxMessageDto From(OutboxMessage m) => new(m.Id, m.ImportId, m.Ending, m.EndingStatus, m.To, m.Subject, m.Status,
            m.Attempts, m.LastError, m.CreatedAt, m.Status == OutboxStatus.Pending ? m.NextAttemptAt : null, m.SentAt, m.MessageId);
    }

    public static RouteGroupBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin").WithTags("Integration Alerts").RequireAuthorization(Policies.Admin);
        group.MapGet("/alert-recipients", async (AlertRecipients recipients, CancellationToken ct) =>
            TypedResults.Ok(new AlertRecipientsDto(await recipients.ListAsync(ct))));
        group.MapPut("/alert-recipients", async (AlertRecipientsBody? body, AlertRecipients recipients, CancellationToken ct) =>
            TypedResults.Ok(new AlertRecipientsDto(await recipients.ReplaceAsync(body?.Recipients, ct))));
        group.MapGet("/outbox", async (string? status, int? importId, int? page, int? pageSize, OutboxQueries outbox, CancellationToken ct) =>
        {
            OutboxStatus? filter = null;
            if (!string.IsNullOrWhiteSpace(status))
            {
                filter = EnumWords.TryParse<OutboxStatus>(status, out var parsed)
                    ? parsed
                    : throw ImportProblem.BadRequest($"'{status}' is not an outbox status. Use one of: {string.Join(", ", Enum.GetNames<OutboxStatus>())}.");
            }

            var result = await outbox.ListAsync(filter, PageRequest.Of(page, pageSize), ct, importId);
            return TypedResults.Ok(new PageDto<OutboxMessageDto>([.. result.Items.Select(OutboxMessageDto.From)], result.PageNumber, result.PageSize, result.TotalCount));
        });
        return group;
    }
}
