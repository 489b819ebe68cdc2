using BulkImport.Core.Alerts;
using BulkImport.Core.Reports;

namespace BulkImport.App.Hosting;

/// <summary>Wires the Integration Alerts (SPEC section 18): recipients, the outbox written with each ending, its sender, and View Results.</summary>
public static class AlertsRegistration
{
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedSettings<EmailOptions>(configuration, EmailOptions.Section);
        services.AddSettings<SupportOptions>(configuration, SupportOptions.Section);
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<ImportEndingAlerts>();
        services.AddSingleton<ImportEndingInterceptor>();
        services.AddSingleton<AlertRecipients>();
        services.AddSingleton<OutboxQueries>();
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<ImportReports>();
        services.AddSingleton<SubmissionLists>();
        services.AddSingleton<UploadDefaults>();
        services.AddHostedService<OutboxWorker>();
        return services;
    }
}
