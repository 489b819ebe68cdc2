using BulkImport.Core.Clients;
using BulkImport.Core.Data;
using BulkImport.Core.Data.Sqlite;
using BulkImport.Core.Domains;
using BulkImport.Core.Domains.ClientAssignments;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Domains.Payments;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Imports.Results;
using BulkImport.Core.Imports.Staging;
using BulkImport.Core.Imports.Validation;
using BulkImport.Core.Jobs;
using BulkImport.Core.Telemetry;
using BulkImport.Core.Usage;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.App.Hosting;

/// <summary>Wires the import pipeline, its database and its background workers.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddBulkImport(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Before anything opens a SQLite connection: SQLite takes its threading mode only then.
        SqliteThreading.UseMultiThread();
        services.AddCheckedSettings<ImportOptions>(configuration, ImportOptions.Section)
            .PostConfigure(o => o.DataFolder = Path.GetFullPath(o.DataFolder, environment.ContentRootPath));
        services.AddSettings<CommitOptions>(configuration, CommitOptions.Section);
        services.AddCheckedSettings<UsageOptions>(configuration, UsageOptions.Section);
        services.AddCheckedSettings<JobOptions>(configuration, JobOptions.Section);

        // Read when the first context is made, not now: the configuration is complete only once the host is built
        // (tests and deployments add their sources after Program.cs has registered the services).
        // Database:Provider picks the engine (SQLite unless set); the factory makes the engine's context type.
        services.AddDbContextFactory<BulkImportDbContext, BulkImportContextFactory>((sp, o) => DatabaseProvider
            .Configure(o, Provider(sp.GetRequiredService<IConfiguration>()), ConnectionString(sp.GetRequiredService<IConfiguration>(), environment))
            .AddInterceptors(sp.GetRequiredService<BulkImport.Core.Alerts.ImportEndingInterceptor>(),
                // SQLite has one writer: writes announce themselves so a large import's batches let them in (WriteTurns).
                sp.GetRequiredService<WriteTurnInterceptor>())
            // Never: parameter values are row content (SSNs, birth dates) and must not reach logs or exception messages.
            .EnableSensitiveDataLogging(false));

        services.AddSingleton(TimeProvider.System);
        // Read when first asked, like the connection string: tests and deployments add their settings after this runs.
        services.AddSingleton(sp => new FeatureSwitches(setting => sp.GetRequiredService<IConfiguration>()[setting]));
        services.AddImportDomain<ClientDomain>();
        services.AddImportDomain<ClientAssignmentDomain>();
        services.AddImportDomain<PaymentDomain>();
        services.AddSingleton<ImportFiles>();
        services.AddSingleton<ImportWorkQueue>();
        // The app's meter, from the host's meter factory (AddMetrics is a no-op when the host added it already).
        services.AddMetrics();
        services.AddSingleton<ImportTelemetry>();
        services.AddSingleton<WorkLeases>();
        services.AddSingleton<JobPool>();
        // Turns by batch are for an engine with one writer; PostgreSQL's row locks let writers write side by side.
        services.AddSingleton(sp => new WriteTurns(sp.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<JobOptions>>())
        {
            Enabled = Provider(sp.GetRequiredService<IConfiguration>()) != DatabaseProvider.PostgreSql,
        });
        services.AddSingleton<WriteTurnInterceptor>();
        services.AddSingleton<ImportProgressFeed>();
        services.AddSingleton<RowRevalidator>();
        services.AddSingleton<UsageService>();
        services.AddSingleton<UsageReports>();
        services.AddSingleton<BulkImport.Core.Domains.Common.SelectListSource>();
        services.AddSingleton<UsageLimitSettings>();
        services.AddSingleton<SelectListAdministration>();
        services.AddSingleton<ImportStagingService>();
        services.AddSingleton<ImportCommitRunner>();
        services.AddSingleton<ImportHistory>();
        services.AddSingleton<RowPages>();
        services.AddSingleton<RowEdits>();
        services.AddSingleton<BulkImport.Core.Imports.Fixes.RowBatchRevision>();
        services.AddSingleton<BulkImport.Core.Imports.Fixes.BulkFixes>();
        services.AddSingleton<BulkImport.Core.Imports.Fixes.ProblemGroups>();
        services.AddSingleton<BulkImport.Core.Imports.Fixes.ErrorRowsFile>();
        services.AddSingleton<BulkImport.Core.Imports.Discrepancies.DiscrepancyVerification>();
        services.AddSingleton<ImportCommands>();
        services.AddSingleton<BulkImport.Core.Imports.Mapping.ColumnMappings>();
        services.AddSingleton<BulkImport.Core.Imports.Mapping.SavedMappings>();
        services.AddSingleton<BulkImport.Core.Imports.Retention.RowRetention>();
        services.AddSingleton<ResultsFile>();
        services.AddSingleton<ClientQueries>();
        services.AddSingleton<CourseQueries>();
        services.AddSingleton<TemplateFile>();
        services.AddSingleton<BulkImport.Core.Security.SensitiveDataAudit>();
        services.AddSingleton<AppReadiness>();
        services.AddSingleton<DatabaseProbe>();
        services.AddSingleton<DatabaseInstanceLock>();
        services.AddHostedService<DatabaseStartupService>();
        services.AddHostedService<ValidationWorker>();
        services.AddHostedService<CommitWorker>();
        services.AddHostedService<LeaseWorker>();
        services.AddAlerts(configuration);
        services.AddIntake(configuration);
        services.AddHostedService<RetentionWorker>();
        services.AddUndo(configuration);
        return services;
    }

    /// <summary>The engine <c>Database:Provider</c> names (SQLite when unset).</summary>
    public static string Provider(IConfiguration configuration) => DatabaseProvider.Parse(configuration[DatabaseProvider.Setting]);

    /// <summary>The configured connection string, or (SQLite) the default file under the data folder; its folder is created.</summary>
    public static string ConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = configuration.GetConnectionString("BulkImport");
        if (Provider(configuration) == DatabaseProvider.PostgreSql)
        {
            return string.IsNullOrWhiteSpace(connectionString)
                ? throw new InvalidOperationException($"{DatabaseProvider.Setting} is {DatabaseProvider.PostgreSql} but {DatabaseProvider.ConnectionSetting} is empty: give the server's connection string, e.g. 'Host=db;Port=5432;Database=bulkimport;Username=bulkimport;Password=…'.")
                : connectionString;
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var dataFolder = Path.GetFullPath(configuration[$"{ImportOptions.Section}:{nameof(ImportOptions.DataFolder)}"] ?? "data", environment.ContentRootPath);
            Directory.CreateDirectory(dataFolder);
            return $"Data Source={Path.Combine(dataFolder, "bulkimport.db")}";
        }

        return AnchoredWithFolder(connectionString, environment.ContentRootPath);
    }

    /// <summary>
    /// A SQLite connection string with its file made absolute against the content root (a relative path, plain or in a
    /// <c>file:</c> URI, would otherwise be opened from the current directory while its folder and lock were made under
    /// the content root), and that file's folder created. A <c>file:</c> URI is read as SQLite reads it: its path, not the
    /// URI's text, names the folder (the text made a folder literally named <c>file:</c>).
    /// </summary>
    private static string AnchoredWithFolder(string connectionString, string contentRoot)
    {
        string anchored;
        string? file;
        try
        {
            anchored = SqliteDatabaseFile.Anchored(connectionString, contentRoot);
            file = SqliteDatabaseFile.PathOf(anchored, contentRoot);
        }
        catch (ArgumentException)
        {
            // Not a SQLite connection string (DatabaseProvider says what is wrong with it when the first context is made).
            return connectionString;
        }

        // The folder the file really lands in: after a linked folder, "../data" is the link target's sibling.
        if (file is not null && Path.GetDirectoryName(SqliteDatabaseFile.RealPath(file)) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        return anchored;
    }
}
