using BulkImport.Core.Data;

namespace BulkImport.App.Hosting;

/// <summary>
/// Runs <see cref="DatabaseStartup"/> as the first hosted service, so the database is migrated and loaded before the
/// workers start and before the server takes requests (also under the test host). First it locks the database file for
/// this instance (<see cref="DatabaseInstanceLock"/>, released when the app's services are disposed): a second
/// instance on the same file stops here, before it could touch the first one's imports.
/// </summary>
public sealed class DatabaseStartupService(IServiceProvider services, AppReadiness readiness, DatabaseInstanceLock instanceLock,
    IConfiguration configuration, IHostEnvironment environment, ILogger<DatabaseStartupService> logger) : IHostedService
{
    /// <summary>How long to wait before trying an unreachable database server again.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private Task? _retrying;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // A connection string of the other engine's kind is refused first, naming both settings.
        var provider = ServiceRegistration.Provider(configuration);
        var connectionString = ServiceRegistration.ConnectionString(configuration, environment);
        DatabaseProvider.Check(provider, connectionString);
        // One SQLite file serves one instance; a PostgreSQL server serves several, so it has no lock file.
        if (provider == DatabaseProvider.Sqlite)
        {
            instanceLock.Acquire(connectionString, environment.ContentRootPath);
        }

        try
        {
            await DatabaseStartup.InitializeAsync(services, cancellationToken);
            readiness.MarkReady();
        }
        catch (Exception e) when (DatabaseProvider.IsUnreachable(e))
        {
            // A server that is down (or still starting) is the operator's to fix: the app serves /health/ready (503, saying
            // which setting to check) and tries again, instead of exiting into a restart loop that says less.
            Unreachable(e);
            _retrying = RetryAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_retrying is not null)
        {
            await _retrying.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task RetryAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RetryInterval, ct);
                await DatabaseStartup.InitializeAsync(services, ct);
                readiness.MarkReady();
                logger.LogInformation("The database is reached and ready.");
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (DatabaseProvider.IsUnreachable(e))
            {
                Unreachable(e);
            }
            catch (Exception e)
            {
                // Reached but refused (a migration failed, a password is wrong): said once and not retried in a loop.
                readiness.MarkUnavailable($"The database was reached but could not be prepared: {e.Message}");
                logger.LogCritical(e, "The database was reached but could not be prepared.");
                return;
            }
        }
    }

    private void Unreachable(Exception e)
    {
        var message = DatabaseProvider.UnreachableMessage(ServiceRegistration.ConnectionString(configuration, environment), e);
        readiness.MarkUnavailable(message);
        logger.LogCritical("{Message}", message);
    }
}

/// <summary>Whether the app can serve: database migrated and reference data loaded; if not, why not.</summary>
public sealed class AppReadiness
{
    private volatile bool _ready;
    private volatile string? _problem;

    public bool IsReady => _ready;

    /// <summary>Why the app is not ready, naming the setting to fix, or null while it is simply starting.</summary>
    public string? Problem => _problem;

    /// <summary>The 503 detail of /health and /health/ready while not ready.</summary>
    public string NotReadyDetail => _problem ?? "The database is still being prepared.";

    public void MarkReady()
    {
        _problem = null;
        _ready = true;
    }

    public void MarkUnavailable(string problem) => _problem = problem;
}
