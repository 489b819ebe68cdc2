using System.Data.Common;

namespace BulkImport.Core.Data;

/// <summary>
/// What the commit needs about the rows of a batch resolved as Select (SPEC section 14): the client each chose and the
/// candidates' values when it was chosen (the chosen clients as they are now are <see cref="ClientValuesReader"/>'s);
/// read in the batch's transaction. Plain SQL with quoted names, the same on SQLite and PostgreSQL.
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

    private static void Add(DbCommand command, string name, int value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
