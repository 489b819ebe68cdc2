using Npgsql;

namespace BulkImport.Benchmarks;

/// <summary>A PostgreSQL database of the benchmark's own on the given server, dropped when disposed.</summary>
public sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly string _server;

    private BenchmarkDatabase(string server, string connectionString, string version)
    {
        _server = server;
        ConnectionString = connectionString;
        Version = version;
    }

    public string ConnectionString { get; }

    /// <summary>The server's version, for the report.</summary>
    public string Version { get; }

    public static async Task<BenchmarkDatabase> CreateAsync(string server, CancellationToken ct)
    {
        var name = "bulkimport_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(ct);
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        return new BenchmarkDatabase(server, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, connection.PostgreSqlVersion.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(ConnectionString).Database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
