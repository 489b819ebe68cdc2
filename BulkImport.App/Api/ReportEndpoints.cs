using BulkImport.App.Security;
using BulkImport.Core.Alerts;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using BulkImport.Core.Reports;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Api;

/// <summary>View Results (SPEC section 18): <c>GET /api/imports/{id}/report</c>, for whoever may see the import.</summary>
public static class ReportEndpoints
{
    /// <summary>The report: outcome, counts, file errors, why it failed, a page of the rows not imported, and who helps with corrections.</summary>
    /// <remarks>
    /// <c>Outcome</c> and <c>Counts</c> describe what the file did, also once it was undone; <c>Undo</c> (null until an
    /// undo starts) says what the undo did.
    /// </remarks>
    public sealed record ImportReportDto(int ImportId, string FileName, ImportStatus Status, ReportOutcome Outcome, string Summary, ReportCounts Counts,
        ReportUndo? Undo, IReadOnlyList<string> FileErrors, string? FailureReason, PageDto<ImportRowDto> Rows, string? SupportContact);

    public static RouteGroupBuilder MapReportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/imports").WithTags("Imports").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/{id:int}/report", async (int id, int? page, int? pageSize, HttpContext http, ImportGate gate, ImportReports reports, ImportDomains domains,
            IOptionsMonitor<SupportOptions> support, CancellationToken ct) =>
        {
            var import = await gate.CheckAsync(http.User, id, ImportNeed.See, ct);
            var report = await reports.GetAsync(id, PageRequest.Of(page, pageSize, 100), ct);
            var domain = domains.Get(import.Domain);
            var rows = report.Rows;
            return TypedResults.Ok(new ImportReportDto(id, report.Import.FileName, report.Import.Status, report.Outcome,
                report.Summary, report.Counts, report.Undo, report.FileErrors, report.FailureReason,
                new PageDto<ImportRowDto>([.. rows.Items.Select(r => ImportRowDto.From(r, domain))], rows.PageNumber, rows.PageSize, rows.TotalCount),
                support.CurrentValue.Sentence));
        });
        return group;
    }
}
