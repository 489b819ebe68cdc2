using BulkImport.Core.Data;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace BulkImport.App.Api;

/// <summary>Turns the problems a person can act on into RFC 7807 problem details with that message.</summary>
public sealed class ProblemHandler(IProblemDetailsService problems, Microsoft.Extensions.Options.IOptions<ImportOptions> importOptions, ILogger<ProblemHandler> logger)
    : IExceptionHandler
{
    /// <summary>How long a caller waits before asking again while the database does not answer.</summary>
    private const string DatabaseRetryAfterSeconds = "30";

    /// <summary>
    /// How long a caller with too many imports waiting waits before uploading again: a guess (one of their imports must
    /// be read or committed first), sent because a 429 without it left scripts to guess alone (outside audit).
    /// </summary>
    private const string PendingRetryAfterSeconds = "30";

    /// <summary>
    /// The problem type of a 429 (RFC 6585, section 4): ASP.NET Core's table of default types has none for 429, so
    /// these were the only problems without one (outside audit).
    /// </summary>
    public const string TooManyRequestsType = "https://tools.ietf.org/html/rfc6585#section-4";

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail) = exception switch
        {
            ImportProblem p => (p.StatusCode, p.Title, p.Message),
            DomainNotAvailableException d => (StatusCodes.Status400BadRequest, "Domain not available", d.Message),
            BadHttpRequestException b when b.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                (StatusCodes.Status413PayloadTooLarge, "File too large", ImportFiles.TooLarge(importOptions.Value.MaxFileBytes).Message),
            BadHttpRequestException b => (b.StatusCode, "Invalid request", BadRequestWords.Of(b, http.Request)),
            // A server stopped or unreachable is the operator's to fix, not a fault of the request: 503, and when to ask again.
            _ when DatabaseProvider.IsUnreachable(exception) => (StatusCodes.Status503ServiceUnavailable, "Database unavailable",
                $"The database does not answer ({DatabaseProvider.Reason(exception)}). Nothing was changed by this request; try again in a minute. "
                + "If it lasts, an administrator looks at /health/ready, which names the server and the setting to fix."),
            _ => (0, "", ""),
        };
        if (status == 0)
        {
            return false;
        }

        http.Response.StatusCode = status;
        if (status == StatusCodes.Status429TooManyRequests)
        {
            http.Response.Headers.RetryAfter = PendingRetryAfterSeconds;
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.Headers.RetryAfter = DatabaseRetryAfterSeconds;
            // A handled exception is not logged by the framework (.NET 10): the operator still needs to hear of it.
            logger.LogWarning("{Method} {Path} answered 503: the database does not answer ({Reason})", http.Request.Method, http.Request.Path, DatabaseProvider.Reason(exception));
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = status == StatusCodes.Status429TooManyRequests ? TooManyRequestsType : null },
        });
    }
}
