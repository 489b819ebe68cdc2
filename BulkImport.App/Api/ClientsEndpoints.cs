using BulkImport.Core.Clients;
using BulkImport.Core.Domains;
using BulkImport.Core.Domains.ClientAssignments;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;
using BulkImport.App.Security;
using BulkImport.Core.Security;

namespace BulkImport.App.Api;

/// <summary>The client endpoints of SPEC section 12.</summary>
public static class ClientsEndpoints
{
    /// <summary>The templates whose columns a client's values are named by, and masked as (SSN).</summary>
    private static readonly IImportDomain ClientTemplate = new ClientDomain();
    private static readonly IImportDomain AssignmentTemplate = new ClientAssignmentDomain();

    // Lineage (SPEC 21): the import and row that created each record and that last changed it (null: before imports were recorded).
    public sealed record PaymentDto(int PaymentId, decimal Amount, string PaymentDate, string Method, string? Reference, int? ImportId,
        int? CreatedByImportId = null, int? CreatedByRow = null, int? LastImportId = null, int? LastImportRow = null);

    public sealed record InvoiceDto(int InvoiceId, decimal Amount, string InvoiceDate, string Status, decimal Balance, IReadOnlyList<PaymentDto> Payments,
        int? CreatedByImportId = null, int? CreatedByRow = null, int? LastImportId = null, int? LastImportRow = null);

    public sealed record AssignmentDto(int AssignmentId, int CourseId, int SectionId, IReadOnlyDictionary<string, string> Values, IReadOnlyList<InvoiceDto> Invoices,
        int? CreatedByImportId = null, int? CreatedByRow = null, int? LastImportId = null, int? LastImportRow = null);

    public sealed record ClientDto(int ClientId, IReadOnlyDictionary<string, string> Values, IReadOnlyList<AssignmentDto>? Assignments,
        int? CreatedByImportId = null, int? CreatedByRow = null, int? LastImportId = null, int? LastImportRow = null);

    public static RouteGroupBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/clients").WithTags("Clients").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/", async (string? search, int? page, int? pageSize, ClientQueries clients, CancellationToken ct) =>
        {
            var result = await clients.SearchAsync(search, PageRequest.Of(page, pageSize), ct);
            return TypedResults.Ok(new PageDto<ClientDto>([.. result.Items.Select(c => ToDto(c, withAssignments: false))], result.PageNumber, result.PageSize, result.TotalCount));
        });
        group.MapGet("/{id:int}", async (int id, bool? reveal, HttpContext http, ClientQueries clients, SensitiveDataAudit audit, CancellationToken ct) =>
        {
            var client = await clients.GetAsync(id, ct)
                ?? throw ImportProblem.NotFound($"Client {id} does not exist. Search clients with GET /api/clients?search=.");
            if (reveal == true)
            {
                if (!ImportAccess.MayRevealSsn(http.User))
                {
                    throw new ImportProblem(StatusCodes.Status403Forbidden, "Not allowed", "Only support staff or an administrator can reveal an SSN. Leave out reveal=true to see the client masked.");
                }

                await audit.RecordClientRevealAsync(AuthEndpoints.NameOf(http.User), id, ClientColumns.Ssn, ct);
            }

            return TypedResults.Ok(ToDto(client, withAssignments: true, reveal == true));
        });
        return group;
    }

    private static ClientDto ToDto(Client client, bool withAssignments, bool reveal = false) => new(
        client.ClientId,
        Named(ClientTemplate, ClientColumns.ToValues(client), reveal),
        withAssignments
            ? [.. client.Assignments.Select(a => new AssignmentDto(a.AssignmentId, a.CourseId, a.SectionId,
                Named(AssignmentTemplate, ClientAssignmentColumns.ToValues(a)),
                [.. a.Invoices.Select(ToDto)], a.CreatedByImportId, a.CreatedByRow, a.LastImportId, a.LastImportRow))]
            : null,
        client.CreatedByImportId, client.CreatedByRow, client.LastImportId, client.LastImportRow);

    private static InvoiceDto ToDto(Invoice i) => new(i.InvoiceId, i.Amount, UsDate(i.InvoiceDate), i.Status, i.Balance,
        [.. i.Payments.Select(p => new PaymentDto(p.PaymentId, p.Amount, UsDate(p.PaymentDate), p.Method, p.Reference, p.CreatedByImportId,
            p.CreatedByImportId, p.CreatedByRow, p.LastImportId, p.LastImportRow))],
        i.CreatedByImportId, i.CreatedByRow, i.LastImportId, i.LastImportRow);

    private static string UsDate(DateOnly date) => date.ToString("MM/dd/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Named(IImportDomain domain, string?[] values, bool reveal = false)
    {
        var columns = domain.Columns;
        var named = new Dictionary<string, string>(columns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            named[columns[i]] = (reveal ? values[i] : SensitiveValues.Mask(domain, columns[i], values[i])) ?? "";
        }

        return named;
    }
}
