namespace BulkImport.Core.Settings;

/// <summary>
/// The settings of a configuration section that say which of their values cannot be used; the app checks them when it
/// starts (<see cref="CheckedSettingsValidation{TOptions}"/>) and refuses to start naming each bad one.
/// </summary>
public interface ICheckedSettings
{
    /// <summary>Adds a refusal to <paramref name="checks"/> for each value that cannot be used.</summary>
    void Check(SettingChecks checks);
}
