using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BulkImport.Tests.Support;

/// <summary>
/// The real app as a child process on a loopback port with its own database, so a test can kill it (SIGKILL)
/// mid-commit and start it again on the same data.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly TestEngine _engine;
    private Process? _process;

    /// <param name="settings">Configuration overrides.</param>
    /// <param name="engine">The database engine: a SQLite file of its own, or a PostgreSQL database of its own.</param>
    public AppProcess(Dictionary<string, string>? settings = null, TestEngine engine = TestEngine.Sqlite)
    {
        _engine = engine;
        DataFolder = Path.Combine(AppContext.BaseDirectory, "test-data", "process-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataFolder);
        Port = FreePort();
        _environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__BulkImport"] = engine == TestEngine.PostgreSql
                ? PostgreSqlServer.CreateDatabase()
                : $"Data Source={Path.Combine(DataFolder, "bulkimport.db")}",
            ["Database__Provider"] = engine.ToString(),
            ["Import__DataFolder"] = DataFolder,
        };
        foreach (var (key, value) in settings ?? [])
        {
            _environment[key.Replace(":", "__")] = value;
        }
    }

    /// <summary>
    /// Another instance of the app on <paramref name="first"/>'s database and data folder, on a port of its own (SPEC 22:
    /// several instances on one PostgreSQL); <paramref name="first"/> owns them and drops them when disposed.
    /// </summary>
    public static AppProcess Beside(AppProcess first, Dictionary<string, string>? settings = null) => new(first, settings);

    private AppProcess(AppProcess first, Dictionary<string, string>? settings)
    {
        _engine = first._engine;
        _sharesFirst = true;
        DataFolder = first.DataFolder;
        Port = FreePort();
        _environment = new Dictionary<string, string>(first._environment) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}" };
        foreach (var (key, value) in settings ?? [])
        {
            _environment[key.Replace(":", "__")] = value;
        }
    }

    /// <summary>Changes a setting for the next start (null: the app's own value again).</summary>
    public void Set(string key, string? value)
    {
        var name = key.Replace(":", "__");
        if (value is null)
        {
            _environment.Remove(name);
        }
        else
        {
            _environment[name] = value;
        }
    }

    /// <summary>Whether the database and data folder are another instance's (<see cref="Beside"/>), left to it to drop.</summary>
    private readonly bool _sharesFirst;

    public string DataFolder { get; }

    /// <summary>The app's database connection string.</summary>
    public string ConnectionString => _environment["ConnectionStrings__BulkImport"];

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    /// <summary>Whether the app has written a console line containing <paramref name="text"/> (its log, as an operator reads it).</summary>
    public bool HasLogged(string text) => _output.Any(line => line.Contains(text, StringComparison.Ordinal));

    private void Remember(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public async Task StartAsync()
    {
        var appDll = AppDll();
        var start = new ProcessStartInfo("dotnet", $"\"{appDll}\"")
        {
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, line) => Remember(line.Data);
        _process.ErrorDataReceived += (_, line) => Remember(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            if (_process.HasExited)
            {
                // Its last words say why (a setting, a crash of the runtime): without them a failure says only "134".
                _process.WaitForExit();
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} while starting. Its last output:\n{string.Join('\n', _output.TakeLast(60))}");
            }

            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The app did not become healthy within 120 s.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Kills the process the hard way (SIGKILL on Linux): no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async Task<ApiClient> ApiAsync(string role)
    {
        var (email, password) = TestApp.DemoUser(role);
        return await new ApiClient(new HttpClient { BaseAddress = new Uri(BaseUrl) }).SignInAsync(email, password);
    }

    /// <summary>A connection to the app's database (SQL in tests quotes its identifiers, so it runs on either engine).</summary>
    public DbConnection OpenDatabase()
    {
        DbConnection connection = _engine == TestEngine.PostgreSql
            ? new NpgsqlConnection(_environment["ConnectionStrings__BulkImport"])
            : new SqliteConnection(_environment["ConnectionStrings__BulkImport"]);
        connection.Open();
        return connection;
    }

    private static string AppDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory);
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "BulkImport.sln")))
        {
            root = root.Parent;
        }

        var tfm = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("BulkImport.sln not found above the test folder."),
            "BulkImport.App", "bin", configuration, tfm, "BulkImport.App.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build BulkImport.App first.", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        if (_sharesFirst)
        {
            return;
        }

        SqliteConnection.ClearAllPools();
        if (_engine == TestEngine.PostgreSql)
        {
            PostgreSqlServer.DropDatabase(_environment["ConnectionStrings__BulkImport"]);
        }

        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the test output folder's cleanup.
        }
    }
}
