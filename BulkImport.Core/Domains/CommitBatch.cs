using BulkImport.Core.Data;

namespace BulkImport.Core.Domains;

/// <summary>
/// One batch of valid rows handed to a committer, in row order, with the before-images the read-ahead found for its
/// Update rows (<see cref="IDomainCommitter.CreateBeforeImageReader"/>; null when there are none).
/// </summary>
public sealed record CommitBatch(IReadOnlyList<CommitRow> Rows, BatchBeforeImages? Images = null);
