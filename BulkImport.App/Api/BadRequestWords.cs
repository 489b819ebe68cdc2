using System.Text.Json;
using System.Text.RegularExpressions;

namespace BulkImport.App.Api;

/// <summary>
/// The framework's refusals of a request it could not bind, in words that say what to send (SPEC 12): its own name
/// .NET types and parameters ("Failed to bind parameter \"Nullable&lt;int&gt; page\"", "Implicit body inferred for
/// parameter \"body\""), which a person calling the API cannot act on.
/// </summary>
public static partial class BadRequestWords
{
    public static string Of(BadHttpRequestException error, HttpRequest request)
    {
        var message = error.Message;
        if (BindingFailure().Match(message) is { Success: true } binding)
        {
            return $"'{binding.Groups["value"].Value}' is not a valid {binding.Groups["name"].Value}: {Expected(binding.Groups["type"].Value)}.";
        }

        var call = $"{request.Method} {request.Path}";
        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal) || (message.StartsWith("Required parameter", StringComparison.Ordinal) && message.Contains(" body\"", StringComparison.Ordinal)))
        {
            return $"The request has no body. Send JSON (Content-Type: application/json) as docs/api.md shows for {call}.";
        }

        if (message.StartsWith("Failed to read parameter", StringComparison.Ordinal))
        {
            var json = error.InnerException as JsonException;
            return $"The body is not valid JSON for this call{(json is null ? "" : $" ({json.Message.TrimEnd('.')})")}. Send JSON (Content-Type: application/json) as docs/api.md shows for {call}.";
        }

        return "The request could not be read: " + message;
    }

    private static string Expected(string type) => type switch
    {
        _ when type.Contains("int", StringComparison.OrdinalIgnoreCase) || type.Contains("long", StringComparison.OrdinalIgnoreCase) => "give a whole number, such as 1",
        _ when type.Contains("bool", StringComparison.OrdinalIgnoreCase) => "give true or false",
        _ when type.Contains("Date", StringComparison.Ordinal) => "give a date as YYYY-MM-DD",
        _ => "check the value against the API (docs/api.md)",
    };

    [GeneratedRegex(@"^Failed to bind parameter ""(?<type>[^""]+) (?<name>[^"" ]+)"" from ""(?<value>.*)""\.$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex BindingFailure();
}
