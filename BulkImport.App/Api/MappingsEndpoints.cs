using BulkImport.App.Security;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Mapping;
using BulkImport.Core.Security;

namespace BulkImport.App.Api;

/// <summary>
/// Column mapping (SPEC 16): an import's mapping step (<c>GET</c>/<c>PUT /api/imports/{id}/mapping</c>: seen by whoever
/// may see the import, applied by its creator or an Admin) and the saved mappings, "Card Templates" (<c>/api/mappings</c>:
/// every importer; deleted by their creator or an Admin).
/// </summary>
public static class MappingsEndpoints
{
    /// <summary>The body of <c>PUT /api/imports/{id}/mapping</c>.</summary>
    public sealed record MappingBody(Dictionary<string, string?>? Columns, string? SaveAs);

    /// <summary>The body of <c>POST /api/mappings</c>.</summary>
    public sealed record SavedMappingBody(string? Name, string? Domain, Dictionary<string, string?>? Columns);

    /// <summary>A Card Template as the API shows it.</summary>
    public sealed record SavedMappingDto(int Id, string Name, Domain Domain, IReadOnlyDictionary<string, string?> Columns, string CreatedBy, DateTime CreatedAt)
    {
        public static SavedMappingDto From(SavedMapping m) => new(m.Id, m.Name, m.Domain, m.Columns, m.CreatedBy, m.CreatedAt);
    }

    public static IEndpointRouteBuilder MapMappingsApi(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/imports").WithTags("Imports").RequireAuthorization(Policies.SignedIn);
        imports.MapGet("/{id:int}/mapping", async (int id, HttpContext http, ImportGate gate, ColumnMappings mappings, CancellationToken ct) =>
            TypedResults.Ok(mappings.View(await gate.CheckAsync(http.User, id, ImportNeed.See, ct))));
        imports.MapPut("/{id:int}/mapping", async (int id, MappingBody? body, HttpContext http, ImportGate gate, ColumnMappings mappings, ImportHistory history, CancellationToken ct) =>
        {
            await gate.CheckAsync(http.User, id, ImportNeed.Change, ct);
            if (body?.Columns is null)
            {
                throw ImportProblem.BadRequest("Send the mapping as {\"columns\": {\"File Column\": \"Template Column\" or null to ignore it}, \"saveAs\": \"optional Card Template name\"}.");
            }

            var import = await mappings.ApplyAsync(id, body.Columns, body.SaveAs, ImportsEndpoints.UserName(http), ct);
            return TypedResults.Accepted($"/api/imports/{id}", await ImportSummary.ReadAsync(import, history, ct));
        });

        var saved = app.MapGroup("/api/mappings").WithTags("Card Templates").RequireAuthorization(Policies.Import);
        saved.MapGet("/", async (string? domain, int? page, int? pageSize, SavedMappings mappings, ImportDomains domains, CancellationToken ct) =>
        {
            var key = string.IsNullOrWhiteSpace(domain) ? (Domain?)null : FindDomain(domain, domains);
            var result = await mappings.ListAsync(key, PageRequest.Of(page, pageSize), ct);
            return TypedResults.Ok(new PageDto<SavedMappingDto>([.. result.Items.Select(SavedMappingDto.From)], result.PageNumber, result.PageSize, result.TotalCount));
        });
        // The address POST's Location names: the Card Template as an item of the list.
        saved.MapGet("/{id:int}", async (int id, SavedMappings mappings, CancellationToken ct) =>
            TypedResults.Ok(SavedMappingDto.From(await mappings.GetAsync(id, ct))));
        saved.MapPost("/", async (SavedMappingBody? body, HttpContext http, SavedMappings mappings, ImportDomains domains, CancellationToken ct) =>
        {
            if (body is null || string.IsNullOrWhiteSpace(body.Domain))
            {
                throw ImportProblem.BadRequest($"Send {{\"name\", \"domain\", \"columns\"}}; domain is one of: {domains.OfferedKeys}.");
            }

            var mapping = await mappings.CreateAsync(body.Name, FindDomain(body.Domain, domains), body.Columns, ImportsEndpoints.UserName(http), ct);
            return TypedResults.Created($"/api/mappings/{mapping.Id}", SavedMappingDto.From(mapping));
        });
        saved.MapDelete("/{id:int}", async (int id, HttpContext http, SavedMappings mappings, CancellationToken ct) =>
        {
            await mappings.DeleteAsync(id, ImportsEndpoints.UserName(http), http.User.IsInRole(Roles.Admin), ct);
            return TypedResults.NoContent();
        });
        return app;
    }

    private static Domain FindDomain(string text, ImportDomains domains) =>
        domains.Find(text) is { } key && domains.IsAvailable(key) ? key
        : throw ImportProblem.BadRequest($"'{text}' is not a domain offered here. Use one of: {domains.OfferedKeys}.");
}
