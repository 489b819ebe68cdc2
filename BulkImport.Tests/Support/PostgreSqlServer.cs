using Npgsql;

namespace BulkImport.Tests.Support;

/// <summary>The engines a test can run on.</summary>
public enum TestEngine
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// The PostgreSQL server of the test run (scripts/test.sh starts a throwaway one and exports BULKIMPORT_POSTGRES). Each
/// test gets a database of its own, dropped when it ends. Without a server a PostgreSQL variant fails saying how to get
/// one: it is never skipped in silence (docs/decisions.md).
/// </summary>
public static class PostgreSqlServer
{
    public const string Variable = "BULKIMPORT_POSTGRES";

    /// <summary>The trait every PostgreSQL variant carries, so a developer without PostgreSQL can leave them out by name.</summary>
    public const string Trait = "Engine";

    public static string ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            $"This is a PostgreSQL variant (trait {Trait}=PostgreSql) and {Variable} is not set. Run scripts/test.sh, which starts a " +
            $"throwaway PostgreSQL, or set {Variable} to a server's connection string, or leave these tests out with --filter \"{Trait}!=PostgreSql\".");

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static string CreateDatabase()
    {
        var name = "bulkimport_test_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>, closing whatever connections still use it.</summary>
    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    /// <summary>
    /// Takes a test's database away from the app as a stopped server does, without stopping the server the other tests
    /// share: its sessions are ended (the app's open connections break mid-statement) and new connections are refused
    /// until the returned outage is disposed.
    /// </summary>
    public static IDisposable CutOff(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database ?? throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        Admin($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false");
        Admin($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()");
        return new Outage(name);
    }

    private static void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private sealed class Outage(string name) : IDisposable
    {
        public void Dispose() => Admin($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS true");
    }
}
