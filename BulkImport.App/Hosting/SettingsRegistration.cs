using BulkImport.Core.Settings;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Hosting;

/// <summary>
/// Binds a configuration section to its options and reads them when the app starts (ValidateOnStart), not when a worker
/// or request first asks: a value that does not convert (<c>Jobs:MaxConcurrent=abc</c>) then stops the start at once,
/// naming the setting and its type, instead of failing a background service seconds later among stack traces.
/// </summary>
public static class SettingsRegistration
{
    public static OptionsBuilder<TOptions> AddSettings<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();

    /// <summary>As <see cref="AddSettings{TOptions}"/>, and the section's own checks refuse values that cannot be used (<see cref="ICheckedSettings"/>).</summary>
    public static OptionsBuilder<TOptions> AddCheckedSettings<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class, ICheckedSettings
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, CheckedSettingsValidation<TOptions>>());
        return services.AddSettings<TOptions>(configuration, section);
    }
}
