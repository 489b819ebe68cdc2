using BulkImport.Core.Domains;

namespace BulkImport.Core.Security;

/// <summary>
/// Values of a domain's sensitive columns (<see cref="IImportDomain.SensitiveColumns"/>, the SSN of a client): masked
/// (<c>***-**-6789</c>) wherever they are shown or sent, unless a permitted person reveals one row, which is recorded.
/// </summary>
public static class SensitiveValues
{
    public static bool IsSensitive(IImportDomain domain, string column) => domain.SensitiveColumns.Any(c => c.Column == column);

    /// <summary>The value as it may be shown: masked when the column is sensitive and the value is not blank.</summary>
    public static string? Mask(IImportDomain domain, string column, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        foreach (var sensitive in domain.SensitiveColumns)
        {
            if (sensitive.Column == column)
            {
                return sensitive.Mask(value);
            }
        }

        return value;
    }
}
