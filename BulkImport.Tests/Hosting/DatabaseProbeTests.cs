using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BulkImport.App.Hosting;
using BulkImport.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BulkImport.Tests.Hosting;

/// <summary>
/// The database check behind <c>/health/ready</c>: a database that answers is no problem, and a server that accepts the
/// connection but never answers is reported after <see cref="DatabaseProbe.Limit"/>, not after the driver's own timeout
/// (30 s here), so a load balancer's health check does not hang.
/// </summary>
public sealed class DatabaseProbeTests
{
    [Fact]
    public async Task A_database_that_answers_is_no_problem()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "test-data", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        try
        {
            (await Probe(DatabaseProvider.Sqlite, $"Data Source={file}").ProblemAsync(CancellationToken.None)).Should().BeNull();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    [Fact]
    public async Task A_server_that_never_answers_is_reported_after_the_limit_naming_the_setting()
    {
        // Accepts connections and never says a word: a hung server, or a network that drops the packets.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var probe = Probe(DatabaseProvider.PostgreSql, $"Host=127.0.0.1;Port={port};Username=bulkimport;Database=bulkimport;Timeout=30;Pooling=false");

        var clock = Stopwatch.StartNew();
        var problem = await probe.ProblemAsync(CancellationToken.None);

        clock.Elapsed.Should().BeGreaterThanOrEqualTo(DatabaseProbe.Limit - TimeSpan.FromMilliseconds(100)).And.BeLessThan(TimeSpan.FromSeconds(20));
        problem.Should().Be($"PostgreSQL at 127.0.0.1:{port} (database 'bulkimport') does not answer (no answer within 5 s). " +
            "Start the server, or fix ConnectionStrings:BulkImport; /health/ready answers 503 until it answers.");
    }

    private static DatabaseProbe Probe(string provider, string connectionString)
    {
        var options = DatabaseProvider.Configure(new DbContextOptionsBuilder<BulkImportDbContext>(), provider, connectionString);
        return new DatabaseProbe(new BulkImportContextFactory((DbContextOptions<BulkImportDbContext>)options.Options), NullLogger<DatabaseProbe>.Instance);
    }
}
