namespace BulkImport.Core.Csv;

/// <summary>
/// Limits of one uploaded file. The defaults are the product's (SPEC section 5): 256 MiB and 1,000,000 data rows.
/// Going over a file limit fails the whole import with a message that names the limit.
/// </summary>
public sealed record CsvLimits
{
    /// <summary>Largest file accepted, in bytes; checked before anything is read.</summary>
    public long MaxFileBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Most rows under the header (blank rows in the middle count too, since they are stored as Skipped rows).</summary>
    public int MaxDataRows { get; init; } = 1_000_000;

    /// <summary>A longer cell is a row error naming the limit (the row stays, the import goes on).</summary>
    public int MaxFieldChars { get; init; } = 32_000;

    /// <summary>Hard cap on one record, so that one unterminated quote can't swallow the file.</summary>
    public int MaxRecordBytes { get; init; } = 1024 * 1024;

    /// <summary>What the parts of an .xlsx may unpack to in all (SPEC 17's zip bomb cap): a million-row sheet is about 1 GiB.</summary>
    public long MaxWorkbookExpandedBytes { get; init; } = 4L * 1024 * 1024 * 1024;
}
