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

    /// <summary>Sets <paramref name="options"/> up for the provider, after checking that the connection string is one of its kind.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string provider, string connectionString)
    {
        if (provider == PostgreSql)
        {
            CheckPostgreSql(connectionString);
            // DateTime maps to "timestamp" (without time zone) as SQLite keeps it: the app stores UTC and reads it back as
            // it wrote it, and Npgsql does not refuse a value whose Kind is not Utc.
            AppContext.SetSwitch("Npgsql.EnableLegacyTimestampBehavior", true);
            return options.UseNpgsql(connectionString);
        }

        CheckSqlite(connectionString);
        return options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas());
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
