using System.Diagnostics;

namespace BulkImport.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of the test's own (Debian's binaries, as scripts/test.sh uses them), in a temporary folder on a
/// free loopback port with fsync off, for a test that stops and starts the server: the run's shared server
/// (<see cref="PostgreSqlServer"/>) is never stopped, the other tests use it. Removed when disposed.
/// </summary>
public sealed class PostgreSqlCluster : IAsyncDisposable
{
    public const string BinVariable = "BULKIMPORT_PGBIN";

    private readonly string _bin;
    private readonly string _folder;
    private bool _running;

    private PostgreSqlCluster(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The app's <c>ConnectionStrings:BulkImport</c> for this cluster (its own, so the default database will do).</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=bulkimport;Database=postgres";

    public static async Task<PostgreSqlCluster> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable(BinVariable) is { Length: > 0 } given ? given : "/usr/lib/postgresql/15/bin";
        if (!File.Exists(Path.Combine(bin, "initdb")))
        {
            throw new InvalidOperationException($"This test starts a PostgreSQL cluster of its own (trait {PostgreSqlServer.Trait}=PostgreSql) and " +
                $"{bin}/initdb does not exist. Run scripts/test.sh, which installs Debian's postgresql, or set {BinVariable} to the folder of " +
                $"initdb and pg_ctl, or leave these tests out with --filter \"{PostgreSqlServer.Trait}!=PostgreSql\".");
        }

        // Short: the server's socket goes in it, and a Unix socket path may not pass 107 characters.
        var folder = Path.Combine(Path.GetTempPath(), "pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var cluster = new PostgreSqlCluster(bin, folder, AppProcessPorts.Free());
        if (Environment.UserName == "root")
        {
            // initdb refuses to run as root: the cluster then belongs to the postgres user.
            await RunAsync("chown", ["postgres", folder]);
        }

        await cluster.PgAsync($"{bin}/initdb -D {folder}/data -A trust -U bulkimport -E UTF8");
        await cluster.StartAgainAsync();
        return cluster;
    }

    /// <summary>Starts the stopped cluster again on the same port, and returns once it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        await PgAsync($"{_bin}/pg_ctl -D {_folder}/data -o '-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off' -l {_folder}/log -w start");
        _running = true;
    }

    /// <summary>Stops the server as an operator would (fast: open sessions are ended), and returns once it is down.</summary>
    public async Task StopAsync()
    {
        await PgAsync($"{_bin}/pg_ctl -D {_folder}/data -m fast -w stop");
        _running = false;
    }

    public async ValueTask DisposeAsync()
    {
        if (_running)
        {
            await StopAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private Task PgAsync(string command) =>
        Environment.UserName == "root" ? RunAsync("su", ["postgres", "-c", command]) : RunAsync("bash", ["-c", command]);

    private static async Task RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', arguments)}' exited with {process.ExitCode}: {await error} {await output}");
        }
    }
}
