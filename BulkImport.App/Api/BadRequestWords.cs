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
            if (json is not null && WrongKind(json) is { } wrongKind)
            {
                return $"The body does not fit this call: {wrongKind}. Send JSON (Content-Type: application/json) as docs/api.md shows for {call}.";
            }

            return $"The body is not valid JSON for this call{(json is null ? "" : $" ({json.Message.TrimEnd('.')})")}. Send JSON (Content-Type: application/json) as docs/api.md shows for {call}.";
        }

        return "The request could not be read: " + message;
    }

    /// <summary>
    /// A value of the wrong kind in well-formed JSON (<c>"Last Name": 5</c>, <c>"rowNumbers": "2"</c>): the serializer names
    /// the .NET type it wanted (System.String, System.Int32[], or the request record itself when the record is bound by
    /// its constructor), which a person calling the API cannot act on; this names the place and the kind of value to give.
    /// </summary>
    private static string? WrongKind(JsonException json)
    {
        if (ConversionFailure().Match(json.Message) is not { Success: true } failure)
        {
            return null;
        }

        var type = failure.Groups["type"].Value;
        var path = json.Path ?? "$";
        if (path == "$")
        {
            return "the body must be a JSON object, such as {\"name\": \"value\"}";
        }

        // A record bound by its constructor is named instead of the member that failed: the member's own type says what it takes.
        if (type.StartsWith("BulkImport.", StringComparison.Ordinal)
            && AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(type)).FirstOrDefault(t => t is not null) is { } record)
        {
            var member = path[(path.LastIndexOf('.') + 1)..];
            type = record.GetProperty(member, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase)?.PropertyType.ToString() ?? type;
        }

        return $"{path} must be {Kind(type)}";
    }

    private static string Kind(string type) => type switch
    {
        _ when type.Contains("Dictionary", StringComparison.Ordinal) => "an object, such as {\"name\": \"value\"}",
        _ when (type.EndsWith("[]", StringComparison.Ordinal) || type.Contains("List`1", StringComparison.Ordinal)) && type.Contains("System.String", StringComparison.Ordinal)
            => "a list in brackets, such as [\"one\", \"two\"]",
        _ when type.EndsWith("[]", StringComparison.Ordinal) || type.Contains("List`1", StringComparison.Ordinal) => "a list in brackets, such as [2, 5]",
        _ when type.Contains("System.String", StringComparison.Ordinal) => "text in quotes, such as \"5\"",
        _ when type.Contains("System.Int", StringComparison.Ordinal) => "a whole number, such as 12",
        _ when type.Contains("System.Boolean", StringComparison.Ordinal) => "true or false",
        _ when type.Contains("System.Decimal", StringComparison.Ordinal) || type.Contains("System.Double", StringComparison.Ordinal) => "a number, such as 12.50",
        _ => "a value of the kind docs/api.md shows",
    };

    private static string Expected(string type) => type switch
    {
        _ when type.Contains("int", StringComparison.OrdinalIgnoreCase) || type.Contains("long", StringComparison.OrdinalIgnoreCase) => "give a whole number, such as 1",
        _ when type.Contains("bool", StringComparison.OrdinalIgnoreCase) => "give true or false",
        _ when type.Contains("Date", StringComparison.Ordinal) => "give a date as YYYY-MM-DD",
        _ => "check the value against the API (docs/api.md)",
    };

    [GeneratedRegex(@"^The JSON value could not be converted to (?<type>\S+?)\. Path:", RegexOptions.CultureInvariant)]
    private static partial Regex ConversionFailure();

    [GeneratedRegex(@"^Failed to bind parameter ""(?<type>[^""]+) (?<name>[^"" ]+)"" from ""(?<value>.*)""\.$", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex BindingFailure();
}
