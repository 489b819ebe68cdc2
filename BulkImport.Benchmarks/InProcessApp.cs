using BulkImport.App.Hosting;
using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Imports.Results;
using BulkImport.Core.Imports.Staging;
using BulkImport.Core.Imports.Undo;
using BulkImport.Core.Jobs;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BulkImport.Benchmarks;

/// <summary>
/// The app's import services wired exactly as the app wires them (<see cref="ServiceRegistration.AddBulkImport"/>),
/// on a real SQLite file, without the web server and without the background workers: the benchmark calls each
/// pipeline step itself so it can time it.
/// </summary>
public sealed class InProcessApp : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessApp(IHost host, string folder)
    {
        _host = host;
        Folder = folder;
    }

    public string Folder { get; }

    public IServiceProvider Services => _host.Services;

    public ImportFiles Files => Services.GetRequiredService<ImportFiles>();

    public ImportHistory History => Services.GetRequiredService<ImportHistory>();

    public ImportCommands Commands => Services.GetRequiredService<ImportCommands>();

    public RowPages Rows => Services.GetRequiredService<RowPages>();

    public RowEdits Edits => Services.GetRequiredService<RowEdits>();

    /// <summary>Stages an import as the app's validation job does, ending as the job pool ends every job.</summary>
    public Task RunStagingAsync(int importId, CancellationToken ct) => RunJobAsync(Services.GetRequiredService<ImportStagingService>().RunAsync, importId, ct);

    /// <summary>Commits an import as the app's commit job does, ending as the job pool ends every job.</summary>
    public Task RunCommitAsync(int importId, CancellationToken ct) => RunJobAsync(Services.GetRequiredService<ImportCommitRunner>().RunAsync, importId, ct);

    /// <summary>Undoes an import as the app's undo job does, ending as the job pool ends every job.</summary>
    public Task RunUndoAsync(int importId, CancellationToken ct) => RunJobAsync(Services.GetRequiredService<UndoRunner>().RunAsync, importId, ct);

    /// <summary>The job, then what <see cref="JobPool"/> does after each job: the native memory it freed goes back (<see cref="NativeHeap"/>).</summary>
    private static async Task RunJobAsync(Func<int, CancellationToken, Task> job, int importId, CancellationToken ct)
    {
        await job(importId, ct);
        NativeHeap.GiveBack();
    }

    public ResultsFile Results => Services.GetRequiredService<ResultsFile>();

    public ImportProgressFeed Feed => Services.GetRequiredService<ImportProgressFeed>();

    public IDbContextFactory<BulkImportDbContext> Db => Services.GetRequiredService<IDbContextFactory<BulkImportDbContext>>();

    /// <summary>Rows per commit transaction, as configured.</summary>
    public int CommitBatchSize => Services.GetRequiredService<IOptions<ImportOptions>>().Value.CommitBatchSize;

    /// <param name="postgreSql">A PostgreSQL database's connection string (<c>--engine postgres</c>), or null for a SQLite file in the folder.</param>
    /// <param name="rows">The rows of the largest file the run imports: past the default <c>Import:MaxDataRows</c> the limits are raised to take it.</param>
    public static async Task<InProcessApp> CreateAsync(string folder, CancellationToken ct, string? postgreSql = null, int rows = 0)
    {
        Directory.CreateDirectory(folder);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = folder,
            EnvironmentName = Environments.Production,
            DisableDefaults = true,
        });
        var settings = Settings(folder, rows);
        if (postgreSql is not null)
        {
            settings["Database:Provider"] = DatabaseProvider.PostgreSql;
            settings["ConnectionStrings:BulkImport"] = postgreSql;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            // The possible-duplicates check logs where its time went (issue 17), one line per staging.
            .AddFilter("BulkImport.Core.Imports.Staging.ImportStagingService", LogLevel.Information);
        builder.Services.AddBulkImport(builder.Configuration, builder.Environment);
        var host = builder.Build();

        var app = new InProcessApp(host, folder);
        await using var db = await app.Db.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        await ReferenceDataLoader.LoadIfEmptyAsync(db, ct);
        return app;
    }

    /// <summary>
    /// Settings of the benchmark installation: its own database and data folder, and usage limits high enough for
    /// several million-row imports in one day (the defaults allow one).
    /// </summary>
    /// <param name="rows">
    /// The rows of the largest file the run imports. Past the default <c>Import:MaxDataRows</c> (1,000,000), as for the
    /// 10,000,000-row run of issue 23, <c>Import:MaxDataRows</c> is raised to it and <c>Import:MaxFileBytes</c> to 4 GB
    /// (the generated rows are about 170 bytes each); the defaults stay otherwise, so a 1,000,000-row run measures them.
    /// </param>
    public static Dictionary<string, string?> Settings(string folder, int rows = 0)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:BulkImport"] = $"Data Source={Path.Combine(folder, "bulkimport.db")}",
            ["Import:DataFolder"] = folder,
            ["Usage:RowsPerDay"] = "2000000000",
            ["Usage:RowsPerWeek"] = "2000000000",
            ["Usage:RowsPerMonth"] = "2000000000",
        };
        if (rows > new ImportOptions().MaxDataRows)
        {
            settings["Import:MaxDataRows"] = rows.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Import:MaxFileBytes"] = (4L * 1024 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return settings;
    }

    /// <summary>The current select-list values by field, for the file generator.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> SelectListValuesAsync(CancellationToken ct)
    {
        await using var db = await Db.CreateDbContextAsync(ct);
        var values = await db.SelectListValues.AsNoTracking().Where(v => !v.Retired).OrderBy(v => v.SortOrder)
            .Select(v => new { v.Field, v.Value }).ToListAsync(ct);
        return values.GroupBy(v => v.Field).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(v => v.Value)]);
    }

    /// <summary>Every client ID in ascending order, streamed.</summary>
    public async IAsyncEnumerable<int> ClientIdsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await Db.CreateDbContextAsync(ct);
        await foreach (var id in db.Clients.AsNoTracking().OrderBy(c => c.ClientId).Select(c => c.ClientId).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return id;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The host was never started (no workers run), so there is nothing to stop.
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }

        SqliteConnection.ClearAllPools();
        // The closed connections' page caches go back to glibc, which keeps them in its arenas: without this the next
        // section's app started 20-60 MB larger than a fresh process (measured 2026-12-07), and its working-set line
        // measured this app's leftovers. A fresh process per section would have none; this gives them back instead.
        NativeHeap.GiveBack();
    }
}
