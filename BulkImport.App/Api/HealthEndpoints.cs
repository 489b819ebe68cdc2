using BulkImport.App.Hosting;
using BulkImport.Core.Intake;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Api;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (the database is migrated and loaded; watched folders
/// that cannot be used are listed and make it "Degraded"). <c>/health</c> answers as before.
/// </summary>
public static class HealthEndpoints
{
    public sealed record ReadyDto(string Status, string Database, int IntakeFolders, IReadOnlyList<IntakeFolderProblem> IntakeProblems);

    public static void MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => TypedResults.Ok(new { status = "Healthy" })).AllowAnonymous();
        app.MapGet("/health/ready", (AppReadiness readiness, IntakeHealth intake, IOptionsMonitor<IntakeOptions> options) =>
        {
            if (!readiness.IsReady)
            {
                return Results.Problem(readiness.NotReadyDetail, statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            // A watched folder that cannot be used stops only that folder: the app still serves, so the answer stays 200.
            var problems = intake.Problems;
            return Results.Ok(new ReadyDto(problems.Count == 0 ? "Healthy" : "Degraded", "Ready", options.CurrentValue.Folders.Count, problems));
        }).AllowAnonymous();
    }
}
