namespace BulkImport.Core.Data;

/// <summary>
/// What the read-ahead found of the records a commit batch's Update rows will change (<see cref="BeforeImageReader"/>):
/// their before-images, compressed (<see cref="BeforeImageCodec"/>), and the lineage each record had when it was read.
/// The writer updates a record only while it still has that lineage, so an image kept here is the record as the update
/// found it; a record changed in between gets its image copied in the writer's transaction instead.
/// </summary>
public sealed class BatchBeforeImages(byte[] images, int firstRow, int lastRow, int rows, Dictionary<int, (int ImportId, int Row)> seen)
{
    /// <summary>The lineage a record had when it was read: -1 for none (a record no import has changed).</summary>
    public const int NoLineage = -1;

    public byte[] Images => images;

    public int FirstRow => firstRow;

    public int LastRow => lastRow;

    public int Rows => rows;

    /// <summary>The lineage the record of <paramref name="rowNumber"/> had when its image was read; false when none was read for the row.</summary>
    public bool TryGetSeen(int rowNumber, out (int ImportId, int Row) lineage) => seen.TryGetValue(rowNumber, out lineage);
}
