using System.Globalization;

namespace BulkImport.App.Components.Shared;

/// <summary>
/// A count with its noun in the right number ("1 row", "1,204 rows"): messages built around a count read "1 rows" or
/// "1 kinds of error" when the noun was written plural once for every count.
/// </summary>
public static class Quantity
{
    /// <summary>"1 row" for 1, "0 rows" or "1,204 rows" otherwise, the count formatted as every other figure (N0).</summary>
    public static string Of(int count, string one, string many) =>
        $"{count.ToString("N0", CultureInfo.CurrentCulture)} {(count == 1 ? one : many)}";
}
