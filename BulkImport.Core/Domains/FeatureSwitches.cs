namespace BulkImport.Core.Domains;

/// <summary>Reads the state of feature switches from the host's configuration (a setting's text, or null when absent).</summary>
public sealed class FeatureSwitches(Func<string, string?> setting)
{
    /// <summary>Whether <paramref name="feature"/> is on: its setting when it is true or false, its default otherwise.</summary>
    public bool IsOn(FeatureSwitch feature) =>
        bool.TryParse(setting(feature.Setting)?.Trim(), out var on) ? on : feature.OnByDefault;
}
