using BulkImport.Core.Clients;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using Microsoft.Net.Http.Headers;
using BulkImport.App.Security;

namespace BulkImport.App.Api;

/// <summary>The template endpoint of SPEC sections 8 and 12: blank, or pre-filled for a course.</summary>
public static class TemplatesEndpoints
{
    public static RouteGroupBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/templates").WithTags("Templates").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/{domain}.csv", DownloadAsync).AllowBrowserDownload();
        group.MapGet("/{domain}.xlsx", DownloadWorkbookAsync).AllowBrowserDownload();
        return group;
    }

    private static Task DownloadAsync(string domain, string? courseCode, HttpContext http, ImportDomains domains, CourseQueries courses, TemplateFile templates,
        BulkImport.Core.Security.SensitiveDataAudit audit, CancellationToken ct) =>
        SendAsync(domain, courseCode, workbook: false, http, domains, courses, templates, audit, ct);

    /// <summary>The same template as an .xlsx with text-formatted ID, SSN, phone and zip columns (SPEC 17).</summary>
    private static Task DownloadWorkbookAsync(string domain, string? courseCode, HttpContext http, ImportDomains domains, CourseQueries courses, TemplateFile templates,
        BulkImport.Core.Security.SensitiveDataAudit audit, CancellationToken ct) =>
        SendAsync(domain, courseCode, workbook: true, http, domains, courses, templates, audit, ct);

    private static async Task SendAsync(string domain, string? courseCode, bool workbook, HttpContext http, ImportDomains domains, CourseQueries courses, TemplateFile templates,
        BulkImport.Core.Security.SensitiveDataAudit audit, CancellationToken ct)
    {
        var importDomain = domains.Get(ParseDomain(domain, domains));
        Course? course = null;
        if (!string.IsNullOrWhiteSpace(courseCode))
        {
            course = await courses.FindByCodeAsync(courseCode, ct)
                ?? throw ImportProblem.NotFound($"There is no course with Course Code '{courseCode.Trim()}'. Find the code with GET /api/courses?code= (at least {CourseQueries.MinSearchLength} characters).");
        }

        if (course is not null)
        {
            // A pre-filled template holds personal data (SSN, birth date): only those who import may take it, and it is recorded.
            if (!(http.User.IsInRole(BulkImport.Core.Security.Roles.Importer) || http.User.IsInRole(BulkImport.Core.Security.Roles.Admin)))
            {
                throw new ImportProblem(StatusCodes.Status403Forbidden, "Not allowed", "Only operators (Importer) and administrators can download pre-filled templates; they hold personal data. The blank template is open to everyone signed in.");
            }

            await audit.RecordExportAsync(AuthEndpoints.NameOf(http.User), $"Pre-filled {importDomain.Domain} template of course {course.CourseCode}", ct);
        }

        if (workbook)
        {
            http.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = TemplateFile.WorkbookFileNameFor(importDomain, course) }.ToString();
            await templates.WriteWorkbookAsync(importDomain, course, http.Response.Body, ct);
            return;
        }

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = TemplateFile.FileNameFor(importDomain, course) }.ToString();
        await templates.WriteAsync(importDomain, course, http.Response.Body, ct);
    }

    /// <summary>
    /// A registered domain by key or name, in any case. A domain that exists but is switched off is left to
    /// <see cref="ImportDomains.Get"/>, which answers "not available in this installation", as uploads do.
    /// </summary>
    private static Domain ParseDomain(string name, ImportDomains domains) =>
        domains.Find(name) ?? throw ImportProblem.NotFound(
            $"There is no '{name}' template. Templates: {domains.OfferedKeys} (for example GET /api/templates/{domains.All.First().Domain}.csv).");
}
