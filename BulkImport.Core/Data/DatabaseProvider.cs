using BulkImport.Core.Data.PostgreSql;
using BulkImport.Core.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BulkImport.Core.Data;

/// <summary>
/// <c>Database:Provider</c>: which engine stores everything, <c>Sqlite</c> (the default: a file, nothing to install) or
/// <c>PostgreSql</c> (15 or later). The one place that turns the setting and <c>ConnectionStrings:BulkImport</c> into EF
/// Core options, and that says clearly when the connection string is one for the other engine.
/// </summary>
public static class DatabaseProvider
{
    public const string Section = "Database";
    public const string Setting = "Database:Provider";
    public const string ConnectionSetting = "ConnectionStrings:BulkImport";
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";

    /// <summary>The provider named by the setting (blank: SQLite), or a message naming the setting and its two values.</summary>
    public static string Parse(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting) || string.Equals(setting.Trim(), Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return Sqlite;
        }

        if (string.Equals(setting.Trim(), PostgreSql, StringComparison.OrdinalIgnoreCase) || string.Equals(setting.Trim(), "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            return PostgreSql;
        }

        throw new InvalidOperationException($"{Setting} is '{setting}'; it must be {Sqlite} (the default) or {PostgreSql}.");
    }

    /// <summary>
    /// Sets <paramref name="options"/> up for the provider, after checking that the connection string is one of its kind.
    /// A list in a query (<c>ids.Contains(c.ClientId)</c>) is sent as one array parameter (json_each on SQLite, ANY on
    /// PostgreSQL), as before EF Core 10, not as a parameter per value: SQLite refuses more than 32,766 parameters (a
    /// group of 40,000 rows revalidated together failed) and binds them by name, each bind a search of the others, so a
    /// list of 1,000 cost a million name comparisons; every length also made a statement of its own to plan.
    /// </summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string provider, string connectionString)
    {
        Check(provider, connectionString);
        if (provider == PostgreSql)
        {
            // DateTime columns are timestamptz holding UTC (UtcDateTimeConverter, on every DateTime of the model), not
            // Npgsql's legacy switch: a process-wide switch works only if set before Npgsql's first use in the process.
            return options.UseNpgsql(connectionString, o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
                .AddInterceptors(new PostgreSqlWriteLock());
        }

        SqliteThreading.UseMultiThread();
        return options.UseSqlite(connectionString, o => o.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter))
            .AddInterceptors(new SqlitePragmas());
    }

    /// <summary>Refuses a connection string that is not one of <paramref name="provider"/>'s kind, naming both settings.</summary>
    public static void Check(string provider, string connectionString)
    {
        if (provider == PostgreSql)
        {
            CheckPostgreSql(connectionString);
        }
        else
        {
            CheckSqlite(connectionString);
        }
    }

    /// <summary>
    /// Whether <paramref name="error"/> says the database server could not be reached at all (refused, no such host,
    /// timed out, shutting down or starting up), as opposed to a database that answered with an error: the app then
    /// waits for it rather than stopping, and a request answers 503 rather than 500.
    /// </summary>
    public static bool IsUnreachable(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is System.Net.Sockets.SocketException or TimeoutException || e is NpgsqlException { IsTransient: true } and not PostgresException
                || e is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What to tell the operator when the server of <paramref name="connectionString"/> cannot be reached.</summary>
    public static string UnreachableMessage(string connectionString, Exception error) =>
        $"{Describe(connectionString)} cannot be reached ({Reason(error)}). {UnreachableAdvice(connectionString)}; " +
        "the app tries again every few seconds and /health/ready answers 503 until it is reached.";

    /// <summary>
    /// What the operator can do about a database of <paramref name="connectionString"/> that does not answer, in the
    /// engine's terms: a PostgreSQL server is started; SQLite has no server, only a file whose folder must exist and be
    /// writable. The one wording of it, for the start (<see cref="UnreachableMessage"/>) and for <c>/health/ready</c>.
    /// </summary>
    public static string UnreachableAdvice(string connectionString) =>
        PostgreSqlServer(connectionString) is null && SqliteFile(connectionString) is not null
            ? $"Make sure the file's folder exists and the app can write to it, or fix {ConnectionSetting}"
            : $"Start the server, or fix {ConnectionSetting}";

    /// <summary>
    /// The database of <paramref name="connectionString"/> in words an operator recognises: server, port and database for
    /// PostgreSQL (never the password), the file for SQLite.
    /// </summary>
    public static string Describe(string connectionString) =>
        PostgreSqlServer(connectionString) ?? (SqliteFile(connectionString) is { } file ? $"the SQLite file {file}" : "the database server");

    /// <summary>Server, port and database of a PostgreSQL connection string (never the password); null for any other kind.</summary>
    private static string? PostgreSqlServer(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (!string.IsNullOrWhiteSpace(builder.Host))
            {
                return $"PostgreSQL at {builder.Host}:{builder.Port} (database '{builder.Database}')";
            }
        }
        catch (ArgumentException)
        {
            // Not a PostgreSQL connection string.
        }

        return null;
    }

    /// <summary>The file of a SQLite connection string; null for any other kind.</summary>
    private static string? SqliteFile(string connectionString)
    {
        try
        {
            if (new SqliteConnectionStringBuilder(connectionString).DataSource is { Length: > 0 } file)
            {
                return file;
            }
        }
        catch (ArgumentException)
        {
            // Not a SQLite connection string.
        }

        return null;
    }

    /// <summary>
    /// The cause an operator can act on: the socket's error ("Connection refused") rather than the driver's wrapper
    /// around it, else the innermost message.
    /// </summary>
    public static string Reason(Exception error)
    {
        var reason = error;
        while (reason.InnerException is not null && reason is not System.Net.Sockets.SocketException)
        {
            reason = reason.InnerException;
        }

        return reason.Message;
    }

    private static void CheckPostgreSql(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                throw new ArgumentException("no Host");
            }
        }
        catch (ArgumentException)
        {
            throw new InvalidOperationException(
                $"{Setting} is {PostgreSql} but {ConnectionSetting} is not a PostgreSQL connection string" +
                (LooksLikeSqlite(connectionString) ? " (it names a SQLite file: Data Source=…)" : "") +
                $". Give one such as 'Host=db.example.org;Port=5432;Database=bulkimport;Username=bulkimport;Password=…', or set {Setting} to {Sqlite}.");
        }
    }

    private static void CheckSqlite(string connectionString)
    {
        try
        {
            _ = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            throw new InvalidOperationException(
                $"{Setting} is {Sqlite} (the default) but {ConnectionSetting} is not a SQLite connection string" +
                (connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? " (it names a PostgreSQL server: Host=…)" : "") +
                $". Set {Setting} to {PostgreSql} to use that server, or give a SQLite connection string such as 'Data Source=data/bulkimport.db'.");
        }
    }

    private static bool LooksLikeSqlite(string connectionString) =>
        connectionString.Contains("Data Source", StringComparison.OrdinalIgnoreCase) || connectionString.Contains(".db", StringComparison.OrdinalIgnoreCase);
}
