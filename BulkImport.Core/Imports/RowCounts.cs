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

    public static void Reset(Import import)
    {
        import.TotalRows = import.ValidRows = import.ErrorRows = import.SkippedRows = import.InsertRows = import.UpdateRows = 0;
    }
}
