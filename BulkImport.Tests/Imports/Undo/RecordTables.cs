using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BulkImport.Tests.Imports.Undo;

/// <summary>
/// Every cell of the record tables as text, to compare the database cell by cell before an import and after its undo,
/// on the test app's engine (a PostgreSQL connection string names a Host). The SQL given is portable: quoted names.
/// </summary>
public static class RecordTables
{
    public static readonly string[] Tables = ["Clients", "ClientAssignments", "Invoices", "Payments"];

    public static Dictionary<string, List<string>> Snapshot(string connectionString)
    {
        using var connection = Open(connectionString);
        var snapshot = new Dictionary<string, List<string>>();
        foreach (var table in Tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            using var reader = command.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount)
                    .Select(i => $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))}")));
            }

            snapshot[table] = rows;
        }

        return snapshot;
    }

    public static long Scalar(string connectionString, string sql)
    {
        using var connection = Open(connectionString);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static DbConnection Open(string connectionString)
    {
        DbConnection connection = connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }
}
