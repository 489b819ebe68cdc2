using BulkImport.App.Security;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Fixes;
using BulkImport.Core.Security;
using Microsoft.Net.Http.Headers;

namespace BulkImport.App.Api;

/// <summary>The endpoints of SPEC section 20: fixing many rows at once.</summary>
public static class FixesEndpoints
{
    public static RouteGroupBuilder MapFixesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/imports").WithTags("Fixes").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/{id:int}/problems", async (int id, int? page, int? pageSize, HttpContext http, ImportGate gate, ProblemGroups problems, ImportDomains domains,
            CancellationToken ct) =>
        {
            var import = await gate.CheckAsync(http.User, id, ImportNeed.See, ct);
            var result = await problems.PageAsync(id, PageRequest.Of(page, pageSize, 20), ct);
            var domain = domains.Get(import.Domain);
            return TypedResults.Ok(new PageDto<ProblemGroup>([.. result.Items.Select(g => g.Shown(domain))], result.PageNumber, result.PageSize, result.TotalCount));
        });
        group.MapPost("/{id:int}/fixes", async (int id, FixRequest body, HttpContext http, ImportGate gate, BulkFixes fixes, ImportHistory history, CancellationToken ct) =>
        {
            await gate.CheckAsync(http.User, id, ImportNeed.Change, ct);
            var outcome = await fixes.ReplaceAsync(id, body.ToFindReplace(), ct);
            return TypedResults.Ok(await FixResult.ReadAsync(outcome, history, ct));
        });
        group.MapPost("/{id:int}/rows/skip", async (int id, SkipRequest body, HttpContext http, ImportGate gate, BulkFixes fixes, ImportHistory history, CancellationToken ct) =>
        {
            await gate.CheckAsync(http.User, id, ImportNeed.Change, ct);
            var outcome = (body.Status, body.RowNumbers) switch
            {
                ({ } status, null) when status.Equals("Error", StringComparison.OrdinalIgnoreCase) || status.Equals("Errors", StringComparison.OrdinalIgnoreCase)
                    => await fixes.SkipErrorRowsAsync(id, ct),
                (null, { } rows) => await fixes.SkipRowsAsync(id, rows, ct),
                _ => throw ImportProblem.BadRequest("Send {\"status\": \"Error\"} to skip every error row, or {\"rowNumbers\": [2, 5, ...]} to skip those rows (not both)."),
            };
            return TypedResults.Ok(await FixResult.ReadAsync(outcome, history, ct));
        });
        group.MapGet("/{id:int}/rows.csv", RowsFileAsync).AllowBrowserDownload();
        return group;
    }

    /// <summary>The rows as uploaded with their messages; SSNs in full for Support and Admin only, and then recorded.</summary>
    private static async Task RowsFileAsync(int id, string? status, HttpContext http, ImportGate gate, ErrorRowsFile file, SensitiveDataAudit audit, CancellationToken ct)
    {
        var import = await gate.CheckAsync(http.User, id, ImportNeed.See, ct);
        var rowStatus = ParseStatus(status);
        var full = ImportAccess.MayRevealSsn(http.User);
        if (full)
        {
            await audit.RecordExportAsync(ImportsEndpoints.UserName(http), $"Rows of import {id}{(rowStatus is { } s ? $" ({s})" : "")} with SSNs in full", ct);
        }

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = ErrorRowsFile.FileNameFor(import, rowStatus) }.ToString();
        await file.WriteAsync(import, rowStatus, full, http.Response.Body, ct);
    }

    private static RowStatus? ParseStatus(string? status)
    {
        if (string.IsNullOrWhiteSpace(status))
        {
            return null;
        }

        var text = status.Equals("Errors", StringComparison.OrdinalIgnoreCase) ? nameof(RowStatus.Error) : status;
        return EnumWords.TryParse<RowStatus>(text, out var value)
            ? value
            : throw ImportProblem.BadRequest($"'{status}' is not a row status. Use {string.Join(", ", Enum.GetNames<RowStatus>())}, or leave status out for all rows.");
    }
}

/// <summary>The body of POST /api/imports/{id}/fixes (SPEC 20).</summary>
public sealed record FixRequest(string? Column, string? Find, string? Replace, string? Match, string? Status)
{
    public FindReplace ToFindReplace()
    {
        if (string.IsNullOrWhiteSpace(Column))
        {
            throw ImportProblem.BadRequest("'column' is missing: name the template column to change, e.g. \"Client Type\".");
        }

        if (Find is null || Replace is null)
        {
            throw ImportProblem.BadRequest("Send 'find' (the text to look for) and 'replace' (what to put instead); either may be \"\".");
        }

        var match = Parse(Match, FixMatch.Exact, "match", "Exact, Contains");
        var rows = Parse(Status, FixRows.Error, "status", "Error, All");
        return new FindReplace(Column, Find, Replace, match, rows);
    }

    private static T Parse<T>(string? text, T fallback, string field, string allowed) where T : struct, Enum =>
        string.IsNullOrWhiteSpace(text) ? fallback
        : EnumWords.TryParse<T>(text.Equals("Errors", StringComparison.OrdinalIgnoreCase) ? "Error" : text, out var value) ? value
        : throw ImportProblem.BadRequest($"'{text}' is not a valid {field}. Use one of: {allowed}.");
}

/// <summary>The body of POST /api/imports/{id}/rows/skip: every error row, or the rows listed.</summary>
public sealed record SkipRequest(string? Status, int[]? RowNumbers);

/// <summary>What a replace or a bulk skip did: rows changed, the import's counts, and the rows it made errors (counted, the first listed).</summary>
public sealed record FixResult(int ChangedRows, RowCountsDto Counts, int NewErrorRows, IReadOnlyList<int> NewErrorRowNumbers, ImportSummary Import)
{
    public static async Task<FixResult> ReadAsync(FixOutcome outcome, ImportHistory history, CancellationToken ct)
    {
        var i = outcome.Import;
        return new FixResult(outcome.ChangedRows, new RowCountsDto(i.TotalRows, i.ValidRows, i.ErrorRows, i.SkippedRows, i.InsertRows, i.UpdateRows),
            outcome.NewErrorRows, outcome.NewErrorRowNumbers, await ImportSummary.ReadAsync(i, history, ct));
    }
}
