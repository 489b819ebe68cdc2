using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace BulkImport.App.Api;

/// <summary>Turns the problems a person can act on into RFC 7807 problem details with that message.</summary>
public sealed class ProblemHandler(IProblemDetailsService problems, Microsoft.Extensions.Options.IOptions<ImportOptions> importOptions) : IExceptionHandler
{
    /// <summary>The framework's words for a query or route value of the wrong type, which name .NET types, not what to send.</summary>
    private static readonly Regex BindingFailure = new(@"^Failed to bind parameter ""(?<type>[^""]+) (?<name>[^"" ]+)"" from ""(?<value>.*)""\.$",
        RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static string Expected(string type) => type switch
    {
        _ when type.Contains("int", StringComparison.OrdinalIgnoreCase) || type.Contains("long", StringComparison.OrdinalIgnoreCase) => "give a whole number, such as 1",
        _ when type.Contains("bool", StringComparison.OrdinalIgnoreCase) => "give true or false",
        _ when type.Contains("Date", StringComparison.Ordinal) => "give a date as YYYY-MM-DD",
        _ => "check the value against the API (docs/api.md)",
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title, detail) = exception switch
        {
            ImportProblem p => (p.StatusCode, p.Title, p.Message),
            DomainNotAvailableException d => (StatusCodes.Status400BadRequest, "Domain not available", d.Message),
            BadHttpRequestException b when b.StatusCode == StatusCodes.Status413PayloadTooLarge =>
                (StatusCodes.Status413PayloadTooLarge, "File too large", ImportFiles.TooLarge(importOptions.Value.MaxFileBytes).Message),
            BadHttpRequestException b when BindingFailure.Match(b.Message) is { Success: true } m =>
                (b.StatusCode, "Invalid request", $"'{m.Groups["value"].Value}' is not a valid {m.Groups["name"].Value}: {Expected(m.Groups["type"].Value)}."),
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
