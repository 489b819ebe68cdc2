namespace BulkImport.Core.Imports;

/// <summary>A request a person made that cannot be done, with what to do instead. The API turns it into problem details.</summary>
public sealed class ImportProblem(int statusCode, string title, string detail) : Exception(detail)
{
    public int StatusCode { get; } = statusCode;
    public string Title { get; } = title;

    public static ImportProblem NotFound(string detail) => new(404, "Not found", detail);
    public static ImportProblem Conflict(string detail) => new(409, "Not allowed now", detail);
    public static ImportProblem BadRequest(string detail) => new(400, "Invalid request", detail);
    public static ImportProblem TooMany(string detail) => new(429, "Too many imports waiting", detail);
}
