using BulkImport.Core.Clients;
using BulkImport.Core.Domains.ClientAssignments;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;
using BulkImport.App.Security;

namespace BulkImport.App.Api;

/// <summary>The client endpoints of SPEC section 12.</summary>
public static class ClientsEndpoints
{
    public sealed record InvoiceDto(int InvoiceId, decimal Amount, string InvoiceDate, string Status);

    public sealed record AssignmentDto(int AssignmentId, int CourseId, int SectionId, IReadOnlyDictionary<string, string> Values, IReadOnlyList<InvoiceDto> Invoices);

    public sealed record ClientDto(int ClientId, IReadOnlyDictionary<string, string> Values, IReadOnlyList<AssignmentDto>? Assignments);

    public static RouteGroupBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/clients").WithTags("Clients").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/", async (string? search, int? page, int? pageSize, ClientQueries clients, CancellationToken ct) =>
        {
            var result = await clients.SearchAsync(search, PageRequest.Of(page, pageSize), ct);
            return TypedResults.Ok(new PageDto<ClientDto>([.. result.Items.Select(c => ToDto(c, withAssignments: false))], result.PageNumber, result.PageSize, result.TotalCount));
        });
        group.MapGet("/{id:int}", async (int id, ClientQueries clients, CancellationToken ct) =>
            await clients.GetAsync(id, ct) is { } client
                ? TypedResults.Ok(ToDto(client, withAssignments: true))
                : throw ImportProblem.NotFound($"Client {id} does not exist. Search clients with GET /api/clients?search=."));
        return group;
    }

    private static ClientDto ToDto(Client client, bool withAssignments) => new(
        client.ClientId,
        Named(ClientColumns.All, ClientColumns.ToValues(client)),
        withAssignments
            ? [.. client.Assignments.Select(a => new AssignmentDto(a.AssignmentId, a.CourseId, a.SectionId,
                Named(ClientAssignmentColumns.All, ClientAssignmentColumns.ToValues(a)),
                [.. a.Invoices.Select(i => new InvoiceDto(i.InvoiceId, i.Amount, i.InvoiceDate.ToString("MM/dd/yyyy", System.Globalization.CultureInfo.InvariantCulture), i.Status))]))]
            : null);

    private static Dictionary<string, string> Named(IReadOnlyList<string> columns, string?[] values)
    {
        var named = new Dictionary<string, string>(columns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            named[columns[i]] = values[i] ?? "";
        }

        return named;
    }
}
