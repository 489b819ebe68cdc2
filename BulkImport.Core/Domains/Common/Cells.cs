namespace BulkImport.Core.Domains.Common;

/// <summary>Small helpers for reading template-aligned cells.</summary>
public static class Cells
{
    public static bool IsBlank(string? value) => string.IsNullOrEmpty(value);

    public static string? NullIfBlank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    public static int IndexOf(IReadOnlyList<string> columns, string column)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] == column)
            {
                return i;
            }
        }

        return -1;
    }
}
