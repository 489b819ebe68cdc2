using System.Text.RegularExpressions;

namespace BulkImport.Core.Imports.Fixes;

/// <summary>
/// The value a message suggests. The validators write a suggestion one way only ("Did you mean 'X'?", SelectListMatcher),
/// so it is read back from the message rather than stored twice with every error row.
/// </summary>
public static partial class Suggestion
{
    public static string? Of(string message) => DidYouMean().Match(message) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"Did you mean '(.+?)'\?", RegexOptions.CultureInvariant)]
    private static partial Regex DidYouMean();
}
