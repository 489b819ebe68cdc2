using BulkImport.Core.Data;

namespace BulkImport.App.Hosting;

/// <summary>
/// Runs <see cref="DatabaseStartup"/> as the first hosted service, so the database is migrated and loaded before the
/// workers start and before the server takes requests (also under the test host). First it locks the database file for
/// this instance (<see cref="DatabaseInstanceLock"/>, released when the app's services are disposed): a second
/// instance on the same file stops here, before it could touch the first one's imports.
/// </summary>
public sealed class DatabaseStartupService(IServiceProvider services, AppReadiness readiness, DatabaseInstanceLock instanceLock,
    IConfiguration configuration, IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // One SQLite file serves one instance; a PostgreSQL server serves several, so it has no lock file.
        if (ServiceRegistration.Provider(configuration) == DatabaseProvider.Sqlite)
        {
            instanceLock.Acquire(ServiceRegistration.ConnectionString(configuration, environment), environment.ContentRootPath);
        }

        await DatabaseStartup.InitializeAsync(services, cancellationToken);
        readiness.MarkReady();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Whether the app can serve: database migrated and reference data loaded.</summary>
public sealed class AppReadiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}
