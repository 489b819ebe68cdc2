using BulkImport.Core.Clients;
using BulkImport.App.Security;

namespace BulkImport.App.Api;

/// <summary>The course search of SPEC section 12, used to pick the course of a pre-filled template.</summary>
public static class CoursesEndpoints
{
    public sealed record CourseDto(int CourseId, string CourseCode, string CourseName, decimal Fee);

    public static RouteGroupBuilder MapCoursesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/courses").WithTags("Courses").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/", async (string? code, CourseQueries courses, CancellationToken ct) =>
        {
            var found = await courses.SearchByCodeAsync(code, ct);
            return TypedResults.Ok(found.Select(c => new CourseDto(c.CourseId, c.CourseCode, c.CourseName, c.Fee)).ToList());
        });
        return group;
    }
}
