using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;

namespace BulkImport.App.Components.Shared;

/// <summary>
/// A row being edited in the review grid: the values it opened with and the values typed since. A masked cell opens
/// masked: left as it is, it is not sent; typed over, the new value is.
/// </summary>
public sealed class RowDraft
{
    private readonly IImportDomain _domain;
    private readonly string?[] _original;

    public RowDraft(IImportDomain domain, ImportRow row, bool revealed)
    {
        _domain = domain;
        RowNumber = row.RowNumber;
        OpenedInError = row.Status == RowStatus.Error;
        _original = new string?[domain.Columns.Count];
        for (var i = 0; i < _original.Length; i++)
        {
            var value = row.Values.ElementAtOrDefault(i);
            _original[i] = revealed ? value : SensitiveValues.Mask(domain, domain.Columns[i], value);
        }

        Values = (string?[])_original.Clone();
    }

    /// <summary>The row's number in the file.</summary>
    public int RowNumber { get; }

    /// <summary>
    /// Whether the row was in error when it was opened: saved unchanged, it is still checked again (as the API's PUT
    /// is), since a row error that no cell holds ("Row has 4 fields; the header has 5") clears only that way.
    /// </summary>
    public bool OpenedInError { get; }

    /// <summary>The values as typed, one per template column.</summary>
    public string?[] Values { get; }

    /// <summary>The columns whose value was changed, with the new value (blank for a cleared cell).</summary>
    public Dictionary<string, string?> Changes()
    {
        var changes = new Dictionary<string, string?>();
        for (var i = 0; i < Values.Length; i++)
        {
            if ((Values[i] ?? "") != (_original[i] ?? ""))
            {
                changes[_domain.Columns[i]] = Values[i] ?? "";
            }
        }

        return changes;
    }
}
