using Microsoft.Extensions.Options;

namespace BulkImport.Core.Settings;

/// <summary>
/// Options validation of a section's <see cref="ICheckedSettings"/>: registered with ValidateOnStart, a bad value stops
/// the start with every refusal of the section, before any worker or request could use it.
/// </summary>
public sealed class CheckedSettingsValidation<TOptions> : IValidateOptions<TOptions> where TOptions : class, ICheckedSettings
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var checks = new SettingChecks();
        options.Check(checks);
        return checks.Refusals.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(checks.Refusals);
    }
}
