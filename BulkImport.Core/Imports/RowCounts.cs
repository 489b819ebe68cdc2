namespace BulkImport.Core.Imports;

/// <summary>Keeps an import's review counts (Total = Valid + Error + Skipped) in step as rows change.</summary>
public static class RowCounts
{
    public static void Add(Import import, RowStatus status, RowAction action, int sign = 1)
    {
        switch (status)
        {
            case RowStatus.Valid or RowStatus.Success or RowStatus.Failed:
                import.ValidRows += sign;
                if (action == RowAction.Insert)
                {
                    import.InsertRows += sign;
                }
                else if (action == RowAction.Update)
                {
                    import.UpdateRows += sign;
                }

                break;
            case RowStatus.Error:
                import.ErrorRows += sign;
                break;
            case RowStatus.Skipped:
                import.SkippedRows += sign;
                break;
        }
    }

    /// <summary>
    /// How many rows of <paramref name="import"/> have <paramref name="status"/> (every row when null), from its counters
    /// alone, so a page of the grid need not count a million index entries; null when the counters do not say it exactly
    /// and the rows must be counted.
    /// </summary>
    /// <remarks>
    /// The counters hold while the import is not being read: Valid + Success + Failed rows are <see cref="Import.ValidRows"/>
    /// (see <see cref="Add"/>), and the commit turns a Valid row into Success or Failed in the same transaction that adds
    /// one to <see cref="Import.ProcessedRows"/> (and to <see cref="Import.Failed"/> for a failure). While a file is read
    /// the counters live in memory and are saved with its final status, so Validating (and a Cancelled import whose
    /// reading has not ended: no counters yet) must count; a file that failed validation has no rows to count.
    /// </remarks>
    public static int? Exact(Import import, RowStatus? status)
    {
        if (import.Status is ImportStatus.Validating or ImportStatus.ValidationFailed || import.TotalRows <= 0)
        {
            return null;
        }

        int? count = status switch
        {
            null => import.TotalRows,
            RowStatus.Valid => import.ValidRows - import.ProcessedRows,
            RowStatus.Success => import.ProcessedRows - import.Failed,
            RowStatus.Failed => import.Failed,
            RowStatus.Error => import.ErrorRows,
            RowStatus.Skipped => import.SkippedRows,
            _ => null,
        };
        return count >= 0 ? count : null;
    }

    public static void Reset(Import import)
    {
        import.TotalRows = import.ValidRows = import.ErrorRows = import.SkippedRows = import.InsertRows = import.UpdateRows = 0;
    }
}
