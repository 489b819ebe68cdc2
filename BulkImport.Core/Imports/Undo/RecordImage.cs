using System.Text;

namespace BulkImport.Core.Imports.Undo;

/// <summary>
/// A committed Update row's before-image as the undo uses it, wherever it was kept (<see cref="BeforeImage"/> or
/// <see cref="BeforeImageBatch"/>): the record, the cells the row changed (bit i for stored column i) with their previous
/// values as UTF-8, bound back as they are (null for a cell it did not change, or that was empty), and the lineage the
/// record had.
/// </summary>
public sealed record RecordImage(int RowNumber, long RecordId, long Changed, ReadOnlyMemory<byte>?[] OldValues, int? PreviousImportId, int? PreviousImportRow)
{
    /// <summary>The previous value of stored column <paramref name="column"/> as text; null when the row did not change it or it was empty.</summary>
    public string? OldValue(int column) =>
        column < OldValues.Length && OldValues[column] is { } utf8 ? Encoding.UTF8.GetString(utf8.Span) : null;
}
