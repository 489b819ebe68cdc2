using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace BulkImport.App.Api;

/// <summary>Turns the problems a person can act on into RFC 7807 problem details with that message.</summary>
public sealed class ProblemHandler(IProblemDetailsService problems, Microsoft.Extensions.Options.IOptions<ImportOptions> importOptions) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail) = exception switch
        {
            ImportProblem p => (p.StatusCode, p.Title, p.Message),
            DomainNotAvailableException d => (StatusCodes.Status400BadRequest, "Domain not available", d.Message),
            BadHttpRequestException b when b.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                (StatusCodes.Status413PayloadTooLarge, "File too large", ImportFiles.TooLarge(importOptions.Value.MaxFileBytes).Message),
            BadHttpRequestException b => (b.StatusCode, "Invalid request", "The request could not be read: " + b.Message),
            _ => (0, "", ""),
        };
        if (status == 0)
        {
            return false;
        }

        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
