using System.Data.Common;
using System.Globalization;
using System.Text;
using BulkImport.Core.Domains.Clients;

namespace BulkImport.Core.Data;

/// <summary>
/// What the commit needs about the rows of a batch resolved as Select (SPEC section 14): the client each chose and the
/// candidates' values when it was chosen, and the chosen clients as they are now; read in the batch's transaction, two
/// queries a batch. Plain SQL with quoted names, the same on SQLite and PostgreSQL.
/// </summary>
public static class SelectedClientReader
{
    /// <summary>(row → chosen client ID, candidates JSON) for the Select resolutions of rows <paramref name="first"/>..<paramref name="last"/>.</summary>
    public static Dictionary<int, (int ClientId, string Candidates)> Selections(DbConnection connection, DbTransaction transaction, int importId, int first, int last)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT \"RowNumber\", \"SelectedClientId\", \"Candidates\" FROM \"ImportDiscrepancies\" "
            + "WHERE \"ImportId\" = @import AND \"RowNumber\" >= @first AND \"RowNumber\" <= @last AND \"Resolution\" = 'Select'";
        Add(command, "@import", importId);
        Add(command, "@first", first);
        Add(command, "@last", last);
        var found = new Dictionary<int, (int, string)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!reader.IsDBNull(1))
            {
                found[reader.GetInt32(0)] = (reader.GetInt32(1), reader.GetString(2));
            }
        }

        return found;
    }

    /// <summary>The clients' values now, in Client template order; a client deleted since is absent.</summary>
    public static Dictionary<int, string?[]> Clients(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<int> clientIds)
    {
        var found = new Dictionary<int, string?[]>();
        if (clientIds.Count == 0)
        {
            return found;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder("SELECT \"ClientId\"");
        foreach (var (_, property) in ClientColumns.Stored)
        {
            sql.Append(", \"").Append(property).Append('"');
        }

        sql.Append(" FROM \"Clients\" WHERE \"ClientId\" IN (");
        var i = 0;
        foreach (var id in clientIds)
        {
            sql.Append(i == 0 ? "" : ", ").Append("@c").Append(i.ToString(CultureInfo.InvariantCulture));
            Add(command, "@c" + i.ToString(CultureInfo.InvariantCulture), id);
            i++;
        }

        command.CommandText = sql.Append(')').ToString();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var values = new string?[ClientColumns.All.Count];
            values[0] = reader.GetInt32(0).ToString(CultureInfo.InvariantCulture);
            for (var c = 1; c < values.Length; c++)
            {
                values[c] = reader.IsDBNull(c) ? null : reader.GetString(c);
            }

            found[reader.GetInt32(0)] = values;
        }

        return found;
    }

    private static void Add(DbCommand command, string name, int value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
