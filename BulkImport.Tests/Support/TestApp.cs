using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using BulkImport.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Support;

/// <summary>
/// The real app on its own SQLite file and data folder, for API tests (in-memory server) and browser tests
/// (<see cref="StartOnLoopback"/> for a real port). Settings can be overridden per test.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly TestEngine _engine;
    private bool _kestrel;

    /// <param name="settings">Configuration overrides, e.g. <c>["Usage:RowsPerDay"] = "3"</c>.</param>
    /// <param name="services">Service overrides applied after the app's own registrations (a fixed clock, a worker removed).</param>
    /// <param name="engine">The database engine: a SQLite file of its own, or a PostgreSQL database of its own.</param>
    public TestApp(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, TestEngine engine = TestEngine.Sqlite)
    {
        _services = services;
        _engine = engine;
        DataFolder = Path.Combine(AppContext.BaseDirectory, "test-data", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataFolder);
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:BulkImport"] = engine == TestEngine.PostgreSql
                ? PostgreSqlServer.CreateDatabase()
                : $"Data Source={Path.Combine(DataFolder, "bulkimport.db")}",
            ["Database:Provider"] = engine == TestEngine.PostgreSql ? "PostgreSql" : "Sqlite",
            ["Import:DataFolder"] = DataFolder,
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }
    }

    public string DataFolder { get; }

    public string ConnectionString => _settings["ConnectionStrings:BulkImport"]!;

    /// <summary>A fresh context on the app's database, for arranging data and checking what an import wrote.</summary>
    public BulkImportDbContext CreateDbContext() =>
        Services.GetRequiredService<IDbContextFactory<BulkImportDbContext>>().CreateDbContext();

    /// <summary>The demo user of a permission group (Development only): importer, supervisor, support, admin.</summary>
    public static (string Email, string Password) DemoUser(string role) =>
        BulkImport.App.Security.UserSeeder.DemoUsers.Single(u => u.Role == role) is var u ? (u.Email, u.Password) : default;

    /// <summary>An API client signed in as the demo user of <paramref name="role"/>.</summary>
    public async Task<ApiClient> ApiAsync(string role = BulkImport.Core.Security.Roles.Importer, HttpClient? http = null)
    {
        var (email, password) = DemoUser(role);
        return await new ApiClient(http ?? CreateClient()).SignInAsync(email, password);
    }

    /// <summary>Starts the app on a loopback port (for Chromium) and returns its base address.</summary>
    public string StartOnLoopback()
    {
        _kestrel = true;
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // Program.cs reads the connection string while registering services, before ConfigureAppConfiguration sources
        // exist under minimal hosting; settings made with UseSetting are host settings, visible from the start.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }

        if (_kestrel)
        {
            builder.UseUrls("http://127.0.0.1:0");
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        // A constructor that threw (no PostgreSQL server to make a database on) leaves an object without settings whose
        // finalizer still comes here: a NullReferenceException on the finalizer thread would end the whole test run.
        if (_settings is null)
        {
            return;
        }

        if (_engine == TestEngine.PostgreSql)
        {
            PostgreSqlServer.DropDatabase(ConnectionString);
        }

        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing background task; the test output folder is temporary anyway.
        }
    }
}
