using BulkImport.App.Security;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Undo;
using Microsoft.Net.Http.Headers;

namespace BulkImport.App.Api;

/// <summary>
/// Undo (SPEC 21): <c>POST /api/imports/{id}/undo</c> starts or resumes it (Support, Admin, the importer for their own),
/// <c>GET /api/imports/{id}/undo</c> says what it would do in numbers (for the confirmation), and
/// <c>GET /api/imports/{id}/undo-results.csv</c> lists what it did with each committed row.
/// </summary>
public static class UndoEndpoints
{
    public static RouteGroupBuilder MapUndoApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/imports").WithTags("Imports").RequireAuthorization(Policies.SignedIn);
        group.MapPost("/{id:int}/undo", async (int id, HttpContext http, ImportGate gate, UndoCommands undo, ImportHistory history, CancellationToken ct) =>
        {
            await gate.CheckAsync(http.User, id, ImportNeed.Undo, ct);
            return TypedResults.Accepted($"/api/imports/{id}", await ImportSummary.ReadAsync(await undo.StartAsync(id, ImportsEndpoints.UserName(http), ct), history, ct));
        });
        group.MapGet("/{id:int}/undo", async (int id, HttpContext http, ImportGate gate, UndoCommands undo, CancellationToken ct) =>
        {
            var import = await gate.CheckAsync(http.User, id, ImportNeed.Undo, ct);
            var preview = await undo.PreviewAsync(import, ct);
            return TypedResults.Ok(new UndoPreviewDto(preview.ImportId, import.Status, preview.Rows, preview.Inserts, preview.Updates, preview.ChangedSince,
                preview.AlreadyDone, import.WhyNoUndo() ?? UndoWording.Confirmation(preview)));
        });
        group.MapGet("/{id:int}/undo-results.csv", async (int id, HttpContext http, ImportGate gate, UndoResultsFile results, CancellationToken ct) =>
        {
            var import = await gate.CheckAsync(http.User, id, ImportNeed.DownloadResults, ct);
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = UndoResultsFile.FileNameFor(import) }.ToString();
            await results.WriteAsync(import, http.Response.Body, ct);
        }).AllowBrowserDownload();
        return group;
    }

    /// <summary>
    /// What an undo would do now; <paramref name="Message"/> says it in words, as the confirmation does, or, when the
    /// import's status allows no undo, why (the words POST answers with its 409).
    /// </summary>
    public sealed record UndoPreviewDto(int ImportId, ImportStatus Status, int Rows, int Inserts, int Updates, int ChangedSince, int AlreadyDone, string Message);
}
