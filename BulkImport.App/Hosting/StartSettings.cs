using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace BulkImport.App.Hosting;

/// <summary>
/// Checks every setting before the host starts (the options registered with ValidateOnStart, as
/// <c>CheckedSettingsValidation</c> words them, and values the configuration binder cannot convert), so that settings
/// the app cannot use stop it with their messages alone: the host logged the first of them under a stack trace and the
/// runtime crashed with the same trace again, and a newcomer had to find the one line that says which setting to fix.
/// </summary>
public static class StartSettings
{
    /// <summary>
    /// What is wrong with the settings, one problem a line; null when every setting can be used, or when the app is not
    /// its own process on Kestrel (under a test host the start goes on and fails there, where the tests read it).
    /// </summary>
    public static string? Problems(IServiceProvider services)
    {
        if (services.GetRequiredService<IServer>().GetType().Assembly != typeof(KestrelServerOptions).Assembly)
        {
            return null;
        }

        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (Exception e) when (Explain(e) is { Count: > 0 } problems)
        {
            return string.Join(Environment.NewLine, problems);
        }
    }

    /// <summary>The problems <paramref name="e"/> reports; empty when it is not about a setting (the start then fails as before).</summary>
    private static List<string> Explain(Exception e) => e switch
    {
        AggregateException all => [.. all.InnerExceptions.SelectMany(Explain)],
        OptionsValidationException invalid => [.. invalid.Failures],
        // The configuration binder's own words for a value of the wrong type name the setting and the type it needs.
        InvalidOperationException { InnerException: ArgumentException or FormatException or OverflowException } wrongType
            => [$"{wrongType.Message} Correct it, or remove the setting to use its default."],
        _ => [],
    };
}
