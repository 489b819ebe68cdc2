using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BulkImport.App.Hosting;
using BulkImport.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
        var commands = new CommandKinds();
        try
        {
            (await Probe(DatabaseProvider.Sqlite, $"Data Source={file}", commands).ProblemAsync(CancellationToken.None)).Should().BeNull();

            // A non-query counts as a write (WriteTurns): a large import's batches would make way for every look.
            (commands.Queries, commands.NonQueries).Should().Be((1, 0), "the probe asks with a query");
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
    public async Task A_SQLite_file_whose_folder_is_missing_is_reported_with_advice_about_the_folder_not_a_server()
    {
        // A folder that was never created (or was removed under the running app): SQLite cannot open the file there.
        var file = Path.Combine(AppContext.BaseDirectory, "test-data", Guid.NewGuid().ToString("N"), "bulkimport.db");

        var problem = await Probe(DatabaseProvider.Sqlite, $"Data Source={file};Pooling=false").ProblemAsync(CancellationToken.None);

        problem.Should().StartWith($"the SQLite file {file} does not answer (").And.EndWith(
            "). Make sure the file's folder exists and the app can write to it, or fix ConnectionStrings:BulkImport; /health/ready answers 503 until it answers.");
        problem.Should().NotContain("Start the server");
        Directory.Exists(Path.GetDirectoryName(file)).Should().BeFalse("the probe only asks; it creates nothing");
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

    private static DatabaseProbe Probe(string provider, string connectionString, CommandKinds? commands = null)
    {
        var options = DatabaseProvider.Configure(new DbContextOptionsBuilder<BulkImportDbContext>(), provider, connectionString);
        if (commands is not null)
        {
            options.AddInterceptors(commands);
        }

        return new DatabaseProbe(new BulkImportContextFactory((DbContextOptions<BulkImportDbContext>)options.Options), NullLogger<DatabaseProbe>.Instance);
    }

    /// <summary>Counts the commands EF Core runs, by kind (the SQLite connection's own PRAGMAs are not EF commands).</summary>
    private sealed class CommandKinds : DbCommandInterceptor
    {
        public int Queries { get; private set; }

        public int NonQueries { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Queries++;
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            NonQueries++;
            return ValueTask.FromResult(result);
        }
    }
}
