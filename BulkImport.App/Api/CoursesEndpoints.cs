using BulkImport.Core.Clients;
using BulkImport.Core.Imports;
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
            var found = await courses.SearchByCodeAsync(CheckCode(code), ct);
            return TypedResults.Ok(found.Select(c => new CourseDto(c.CourseId, c.CourseCode, c.CourseName, c.Fee)).ToList());
        });
        return group;
    }

    /// <summary>
    /// SPEC 12 asks for 2 characters at least. The screen's search box finds nothing below that while a person types; a
    /// program that sends less (or nothing, or control characters no Course Code has) made a mistake that an empty list
    /// would hide, so it is a 400 naming the parameter, as the other bad query parameters are.
    /// </summary>
    private static string CheckCode(string? code)
    {
        var text = code?.Trim() ?? "";
        if (text.Length < CourseQueries.MinSearchLength)
        {
            throw ImportProblem.BadRequest(
                $"The query parameter 'code' needs at least {CourseQueries.MinSearchLength} characters of a Course Code, for example /api/courses?code=CN; it was {(code is null ? "missing" : $"'{code}'")}.");
        }

        return text.Any(char.IsControl)
            ? throw ImportProblem.BadRequest("The query parameter 'code' holds control characters, which no Course Code has. Send the first characters of a Course Code, for example /api/courses?code=CN.")
            : text;
    }
}
