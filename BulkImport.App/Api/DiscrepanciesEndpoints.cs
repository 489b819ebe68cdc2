using BulkImport.App.Security;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Discrepancies;
using BulkImport.Core.Security;

namespace BulkImport.App.Api;

/// <summary>The possible-duplicates endpoints of SPEC section 14: reading is for whoever may see the import, resolving for whoever may change it.</summary>
public static class DiscrepanciesEndpoints
{
    public static RouteGroupBuilder MapDiscrepanciesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/imports/{id:int}/discrepancies").WithTags("Discrepancies").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/", async (int id, bool? resolved, int? page, int? pageSize, HttpContext http, ImportGate gate, ImportDomains domains,
            DiscrepancyVerification verification, CancellationToken ct) =>
        {
            var import = await gate.CheckAsync(http.User, id, ImportNeed.See, ct);
            var found = await verification.PageAsync(id, resolved, PageRequest.Of(page, pageSize), ct);
            var domain = domains.Get(import.Domain);
            return TypedResults.Ok(new PageDto<DiscrepancyDto>(found.Items.Select(v => DiscrepancyDto.From(v, domain)).ToList(), found.PageNumber, found.PageSize, found.TotalCount));
        });
        group.MapPost("/resolve-all", async (int id, ResolveRequest body, HttpContext http, ImportGate gate, DiscrepancyVerification verification, ImportHistory history, CancellationToken ct) =>
        {
            await gate.CheckAsync(http.User, id, ImportNeed.Change, ct);
            var (resolved, import) = await verification.ResolveAllAsync(id, Resolution(body), Rule(body), ImportsEndpoints.UserName(http), ct);
            return TypedResults.Ok(new ResolveAllResult(resolved, await ImportSummary.ReadAsync(import, history, ct)));
        });
        group.MapPost("/{rowNumber:int}", async (int id, int rowNumber, ResolveRequest body, HttpContext http, ImportGate gate, ImportDomains domains,
            DiscrepancyVerification verification, ImportHistory history, CancellationToken ct) =>
        {
            await gate.CheckAsync(http.User, id, ImportNeed.Change, ct);
            var (discrepancy, import) = await verification.ResolveAsync(id, rowNumber, Resolution(body), body.ClientId, ImportsEndpoints.UserName(http), ct);
            return TypedResults.Ok(new ResolveResult(rowNumber, discrepancy.Resolution, discrepancy.SelectedClientId, await ImportSummary.ReadAsync(import, history, ct)));
        });
        return group;
    }

    private static DiscrepancyResolution Resolution(ResolveRequest body) =>
        EnumWords.TryParse<DiscrepancyResolution>(body.Resolution?.Replace(" ", ""), out var resolution)
            ? resolution
            : throw ImportProblem.BadRequest($"'{body.Resolution}' is not a resolution. Send \"resolution\": \"Select\" (with \"clientId\") or \"NewPerson\".");

    private static DuplicateRule? Rule(ResolveRequest body) => body.Rule is null
        ? null
        : EnumWords.TryParse<DuplicateRule>(body.Rule, out var rule)
            ? rule
            : throw ImportProblem.BadRequest($"'{body.Rule}' is not a rule. Use one of: {string.Join(", ", Enum.GetNames<DuplicateRule>())}.");
}

/// <summary>The body of a resolution: <c>{"resolution":"Select","clientId":12}</c>, <c>{"resolution":"NewPerson"}</c>, or for resolve-all <c>{"resolution":"Select","rule":"Ssn"}</c>.</summary>
public sealed record ResolveRequest(string? Resolution, int? ClientId, string? Rule);

/// <summary>What a resolution of one row left: its resolution and the import's summary (status, unresolved count).</summary>
public sealed record ResolveResult(int RowNumber, DiscrepancyResolution? Resolution, int? SelectedClientId, ImportSummary Import);

/// <summary>What resolve-all did.</summary>
public sealed record ResolveAllResult(int Resolved, ImportSummary Import);

/// <summary>One candidate: an existing client or an earlier row, its values by column (sensitive ones masked) and the rules it matched.</summary>
public sealed record DiscrepancyCandidateDto(int? ClientId, int? RowNumber, IReadOnlyDictionary<string, string> Values, IReadOnlyList<DuplicateRule> Rules);

/// <summary>A discrepancy of SPEC 14: the row's values (the new submission data) and its candidates.</summary>
public sealed record DiscrepancyDto(int RowNumber, string Reason, IReadOnlyList<DuplicateRule> Rules, IReadOnlyDictionary<string, string> Values,
    IReadOnlyList<DiscrepancyCandidateDto> Candidates, DiscrepancyResolution? Resolution, int? SelectedClientId)
{
    public static DiscrepancyDto From(DiscrepancyView view, IImportDomain domain) => new(
        view.Discrepancy.RowNumber, view.Discrepancy.Reason, view.Discrepancy.Rules, Named(view.Values, domain),
        view.Discrepancy.Candidates.ConvertAll(c => new DiscrepancyCandidateDto(c.ClientId, c.RowNumber, Named(c.Values, domain), c.Rules)),
        view.Discrepancy.Resolution, view.Discrepancy.SelectedClientId);

    private static Dictionary<string, string> Named(string?[] values, IImportDomain domain)
    {
        var named = new Dictionary<string, string>(domain.Columns.Count);
        for (var i = 0; i < domain.Columns.Count; i++)
        {
            named[domain.Columns[i]] = SensitiveValues.Mask(domain, domain.Columns[i], i < values.Length ? values[i] ?? "" : "") ?? "";
        }

        return named;
    }
}
