namespace BulkImport.Core.Imports;

/// <summary>
/// How much a change of rows moved an import's review counts (Valid, Error, Skipped, and the Valid rows' Insert and
/// Update). Saved as a relative change (<c>ErrorRows = ErrorRows - 1</c>), never as the absolute counts the change
/// computed: an absolute write made from counts read before another edit saved would undo that edit's counts.
/// </summary>
public readonly record struct RowCountChange(int Valid, int Error, int Skipped, int Insert, int Update)
{
    /// <summary>The counts of <paramref name="import"/> as they are now, to take a change from.</summary>
    public static RowCountChange CountsOf(Import import) =>
        new(import.ValidRows, import.ErrorRows, import.SkippedRows, import.InsertRows, import.UpdateRows);

    /// <summary>The change from <paramref name="before"/> to the counts of <paramref name="import"/> now.</summary>
    public static RowCountChange Since(RowCountChange before, Import import)
    {
        var after = CountsOf(import);
        return new(after.Valid - before.Valid, after.Error - before.Error, after.Skipped - before.Skipped,
            after.Insert - before.Insert, after.Update - before.Update);
    }

    public bool IsNone => this == default;
}
