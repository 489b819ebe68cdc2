namespace BulkImport.Core.Imports.Undo;

/// <summary>
/// A committed Update row's before-image as the undo uses it, wherever it was kept (<see cref="BeforeImage"/> or
/// <see cref="BeforeImageBatch"/>): the record, the cells the row changed (bit i for stored column i) with their previous
/// values (null for a cell it did not change, or that was empty), and the lineage the record had.
/// </summary>
public sealed record RecordImage(int RowNumber, long RecordId, long Changed, string?[] OldValues, int? PreviousImportId, int? PreviousImportRow);
