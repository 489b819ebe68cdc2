namespace BulkImport.App.Hosting;

/// <summary>
/// Runs <see cref="DatabaseStartup"/> as the first hosted service, so the database is migrated and loaded before the
/// workers start and before the server takes requests (also under the test host).
/// </summary>
public sealed class DatabaseStartupService(IServiceProvider services, AppReadiness readiness) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
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
