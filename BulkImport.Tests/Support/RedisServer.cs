using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BulkImport.Tests.Support;

/// <summary>
/// A Redis server of the test's own (Debian's redis-server, which scripts/test.sh installs), on a free loopback port, with
/// nothing saved to disk. Each test has its own so it can stop and start it without disturbing the others. Without
/// redis-server the test fails saying how to get it: never skipped in silence.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Variable = "BULKIMPORT_REDIS_SERVER";

    /// <summary>The trait every test that starts Redis carries, so a developer without it can leave them out by name.</summary>
    public const string Trait = "Needs";

    /// <summary>A server scripts/test.sh started for the run (host:port), for tests that never stop Redis.</summary>
    public const string SharedVariable = "BULKIMPORT_REDIS";

    private readonly string? _shared;
    private Process? _process;

    private RedisServer(int port, string? shared = null)
    {
        Port = port;
        _shared = shared;
    }

    public int Port { get; }

    /// <summary>
    /// The app's <c>ConnectionStrings:Redis</c> for this server; on the run's shared server with a channel prefix of the
    /// test's own, which keeps its instances' progress apart from the other tests' (import IDs repeat across databases).
    /// </summary>
    public string ConnectionString => _shared ?? $"127.0.0.1:{Port}";

    /// <summary>The run's shared server when scripts/test.sh started one, else a server of the test's own.</summary>
    public static async Task<RedisServer> SharedOrOwnAsync() =>
        Environment.GetEnvironmentVariable(SharedVariable) is { Length: > 0 } shared
            ? new RedisServer(0, $"{shared},channelPrefix=test-{Guid.NewGuid():N}:")
            : await StartAsync();

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(AppProcessPorts.Free());
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts (again) on the same port, with an empty data set, and waits until it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        if (_shared is not null)
        {
            throw new InvalidOperationException("The run's shared Redis is never stopped or started by a test: use StartAsync for a server of the test's own.");
        }

        var binary = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given ? given : "redis-server";
        try
        {
            _process = Process.Start(new ProcessStartInfo(binary, $"--port {Port} --bind 127.0.0.1 --save \"\" --appendonly no --protected-mode no")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"This test needs Redis (trait {Trait}=Redis) and '{binary}' could not be started ({e.Message}). Run " +
                $"scripts/test.sh, which installs Debian's redis-server, or `apt-get install -y redis-server`, or set {Variable} to its path, or " +
                $"leave these tests out with --filter \"{Trait}!=Redis\".", e);
        }

        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.TrueAsync(Answers, $"redis-server on port {Port} answers PING");
    }

    /// <summary>Stops the server the hard way, as a crashed or stopped Redis looks to the app.</summary>
    public async Task StopAsync()
    {
        if (_shared is not null)
        {
            return;
        }

        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    private bool Answers()
    {
        if (_process is { HasExited: true })
        {
            throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} on port {Port}.");
        }

        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}

/// <summary>Free loopback ports for the servers a test starts.</summary>
public static class AppProcessPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
