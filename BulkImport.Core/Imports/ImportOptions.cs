using BulkImport.Core.Settings;

namespace BulkImport.Core.Imports;

/// <summary>Settings of the import pipeline (configuration section <c>Import</c>).</summary>
public sealed class ImportOptions : ICheckedSettings
{
    public const string Section = "Import";

    /// <summary>Folder for the database default and uploads; relative paths are under the content root.</summary>
    public string DataFolder { get; set; } = "data";
    public long MaxFileBytes { get; set; } = 256L * 1024 * 1024;
    public int MaxDataRows { get; set; } = 1_000_000;
    /// <summary>What an uploaded .xlsx may unpack to in all, checked on its ZIP directory and as it unpacks (SPEC 17, zip bombs).</summary>
    public long MaxWorkbookExpandedBytes { get; set; } = 4L * 1024 * 1024 * 1024;
    /// <summary>
    /// How many of one user's imports may be Validating or Queued at once (SPEC 22); one more upload is refused (429).
    /// One worker reads files and one commits, so a user's tenth queued file only makes everybody else wait.
    /// </summary>
    public int MaxPendingPerUser { get; set; } = 5;
    /// <summary>
    /// Days the values of an import's staged rows are kept after it ended (or after its upload, while it waits in
    /// review); then they are deleted, the results kept (<c>RowRetention</c>). 0 keeps them for ever.
    /// </summary>
    public int RetentionDays { get; set; } = 30;
    /// <summary>How often the retention period is applied (and once at start).</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);
    /// <summary>Rows written per transaction while staging.</summary>
    public int StagingBatchSize { get; set; } = 2_000;
    /// <summary>Rows written per commit transaction.</summary>
    public int CommitBatchSize { get; set; } = 2_000;

    public string UploadsFolder => Path.Combine(DataFolder, "uploads");

    /// <summary>
    /// The limits must let a file in (0 bytes, 0 rows, 0 unpacked workbook bytes or 0 pending imports refuse every upload) and the retention
    /// period must be a period (0 is the documented "for ever"; a negative one meant the same, silently).
    /// </summary>
    public void Check(SettingChecks checks)
    {
        var defaults = new ImportOptions();
        checks.AtLeast($"{Section}:{nameof(MaxFileBytes)}", MaxFileBytes, 1, "bytes", defaults.MaxFileBytes);
        checks.AtLeast($"{Section}:{nameof(MaxDataRows)}", MaxDataRows, 1, "rows", defaults.MaxDataRows);
        checks.AtLeast($"{Section}:{nameof(MaxWorkbookExpandedBytes)}", MaxWorkbookExpandedBytes, 1, "bytes", defaults.MaxWorkbookExpandedBytes);
        checks.AtLeast($"{Section}:{nameof(MaxPendingPerUser)}", MaxPendingPerUser, 1, "imports", defaults.MaxPendingPerUser);
        checks.AtLeast($"{Section}:{nameof(RetentionDays)}", RetentionDays, 0, "days", defaults.RetentionDays, "0 keeps the rows' values for ever");
        checks.LongerThanZero($"{Section}:{nameof(RetentionInterval)}", RetentionInterval, defaults.RetentionInterval);
    }
}
