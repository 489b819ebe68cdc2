namespace BulkImport.Core.Settings;

/// <summary>
/// A setting an administrator changed in the app, overriding the configuration file (for example a usage limit).
/// Who changed it and when is kept with the value.
/// </summary>
public sealed class AppSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
