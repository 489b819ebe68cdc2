namespace BulkImport.Core.Imports.Undo;

/// <summary>
/// The before-images of one commit batch's Update rows, read a batch ahead of the writer and kept in the batch's
/// transaction as one compressed value (<see cref="Data.BeforeImageCodec"/>): the writer then adds one row per batch
/// instead of copying every record's cells (issue 22: the per-row copy cost the update commit +74 %). A row whose record
/// changed between that read and its update has its image in <see cref="BeforeImage"/> instead, which wins.
/// </summary>
public sealed class BeforeImageBatch
{
    public int ImportId { get; set; }

    /// <summary>The first row of the batch with an image here; the key with <see cref="ImportId"/>.</summary>
    public int FirstRow { get; set; }

    public int LastRow { get; set; }

    /// <summary>How many images <see cref="Images"/> holds.</summary>
    public int Rows { get; set; }

    public required byte[] Images { get; set; }
}
