using BulkImport.Core.Domains.Common;

namespace BulkImport.Core.Security;

/// <summary>
/// Columns whose values are personal identifiers (SSN): masked (<c>***-**-6789</c>) wherever they are shown or sent,
/// unless a permitted person reveals one row, which is recorded.
/// </summary>
public static class SensitiveValues
{
    public static readonly IReadOnlySet<string> Columns = new HashSet<string>(StringComparer.Ordinal) { "SSN" };

    public static bool IsSensitive(string column) => Columns.Contains(column);

    /// <summary>The value as it may be shown: masked when the column is sensitive and the value is not blank.</summary>
    public static string? Mask(string column, string? value) =>
        IsSensitive(column) && !string.IsNullOrEmpty(value) ? FieldFormats.MaskSsn(value) : value;
}
