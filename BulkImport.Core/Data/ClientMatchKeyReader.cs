using System.Data.Common;
using BulkImport.Core.Imports.Discrepancies;

namespace BulkImport.Core.Data;

/// <summary>
/// Reads the compared values of every existing client in one pass, for the possible-duplicates check's index
/// (<see cref="ClientMatchIndex"/>). Plain SQL with quoted names, the same on SQLite and PostgreSQL.
/// </summary>
public static class ClientMatchKeyReader
{
    private const string Sql =
        "SELECT \"ClientId\", \"FirstName\", \"LastName\", \"Email\", \"PhoneNumber\", \"Ssn\", \"DateOfBirth\" FROM \"Clients\"";

    /// <summary>How many clients there are (to size the index once).</summary>
    public static int Count(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Clients\"";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Calls <paramref name="visit"/> with each client's ID and keys, streaming (never a list of clients).</summary>
    public static void ForEach(DbConnection connection, Action<int, MatchKeys> visit, CancellationToken ct)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        using var reader = command.ExecuteReader();
        var rows = 0;
        while (reader.Read())
        {
            if (++rows % 65_536 == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            visit(reader.GetInt32(0), new MatchKeys(Text(reader, 1), Text(reader, 2), Text(reader, 3), Text(reader, 4), Text(reader, 5), Text(reader, 6)));
        }
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
