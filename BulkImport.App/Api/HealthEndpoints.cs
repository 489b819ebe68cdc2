using BulkImport.App.Hosting;
using BulkImport.App.Instances;
using BulkImport.Core.Intake;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Api;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (the database is migrated and loaded, and answers
/// now: it is asked at every look, <see cref="DatabaseProbe"/>; watched folders that cannot be used are listed and make it
/// "Degraded", as does Redis, when configured, not answering). <c>/health</c> answers as <c>/health/ready</c> (SPEC 22).
/// </summary>
public static class HealthEndpoints
{
    /// <param name="Redis">Null when <c>ConnectionStrings:Redis</c> is not set; else "Connected" or what is wrong and what to check.</param>
    public sealed record ReadyDto(string Status, string Database, int IntakeFolders, IReadOnlyList<IntakeFolderProblem> IntakeProblems, string? Redis = null);

    public static void MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => TypedResults.Ok(new { status = "Healthy" })).AllowAnonymous();
        app.MapGet("/health/ready", ReadyAsync).AllowAnonymous();
        app.MapGet("/health", ReadyAsync).AllowAnonymous();
    }

    private static async Task<IResult> ReadyAsync(AppReadiness readiness, DatabaseProbe database, IntakeHealth intake, IOptionsMonitor<IntakeOptions> options,
        RedisConnection redis, HttpContext http)
    {
        if (!readiness.IsReady)
        {
            return Results.Problem(readiness.NotReadyDetail, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        // Without its database the instance can serve nothing: 503, so a load balancer sends the requests elsewhere.
        if (await database.ProblemAsync(http.RequestAborted) is { } problem)
        {
            return Results.Problem(problem, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        // A watched folder that cannot be used stops only that folder, and without Redis this instance still serves
        // (showing its own imports' progress): the answer stays 200, "Degraded", saying what is wrong.
        var problems = intake.Problems;
        var redisDown = redis.IsConfigured && !redis.IsConnected;
        return Results.Ok(new ReadyDto(problems.Count == 0 && !redisDown ? "Healthy" : "Degraded", "Ready", options.CurrentValue.Folders.Count, problems, redis.Status));
    }
}
