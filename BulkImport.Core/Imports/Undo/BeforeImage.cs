namespace BulkImport.Core.Imports.Undo;

/// <summary>
/// What a committed Update row found before it changed its record (SPEC 21), written in the commit batch's transaction
/// (<see cref="Data.BeforeImageWriter"/>): the previous values of the cells it changed and the lineage the record had.
/// </summary>
public sealed class BeforeImage
{
    public int ImportId { get; set; }
    public int RowNumber { get; set; }
    public long RecordId { get; set; }

    /// <summary>The cells the row changed: bit i for stored column i of its domain.</summary>
    public long Changed { get; set; }

    /// <summary>A JSON array with the previous value of each stored column the row changed (null for the others).</summary>
    public required string OldValues { get; set; }

    public int? PreviousImportId { get; set; }
    public int? PreviousImportRow { get; set; }
}
