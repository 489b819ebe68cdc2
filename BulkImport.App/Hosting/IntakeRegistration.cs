using BulkImport.Core.Intake;

namespace BulkImport.App.Hosting;

/// <summary>Wires the watched folders (SPEC section 19).</summary>
public static class IntakeRegistration
{
    public static IServiceCollection AddIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedSettings<IntakeOptions>(configuration, IntakeOptions.Section);
        services.AddSingleton<IntakeHealth>();
        services.AddSingleton<FolderIntake>();
        services.AddHostedService<IntakeWorker>();
        return services;
    }
}
