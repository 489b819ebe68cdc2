using BulkImport.Core.Imports;

namespace BulkImport.App.Components.Shared;

/// <summary>The review grid's filter: All, Errors, Valid, Skipped (and the commit outcomes).</summary>
public enum RowFilter
{
    All,
    Errors,
    Valid,
    Skipped,
    Success,
    Failed,
}

/// <summary>Maps a filter to the row status it selects.</summary>
public static class RowFilters
{
    public static RowStatus? ToStatus(this RowFilter filter) => filter switch
    {
        RowFilter.Errors => RowStatus.Error,
        RowFilter.Valid => RowStatus.Valid,
        RowFilter.Skipped => RowStatus.Skipped,
        RowFilter.Success => RowStatus.Success,
        RowFilter.Failed => RowStatus.Failed,
        _ => null,
    };
}
