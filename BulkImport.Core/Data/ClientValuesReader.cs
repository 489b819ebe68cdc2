using System.Data.Common;
using System.Globalization;
using BulkImport.Core.Domains.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BulkImport.Core.Data;

/// <summary>
/// Clients' values as they are now, in Client template order, by Client ID: what a possible duplicate is compared with
/// (the check's exact comparison and its rechecks) and what a row resolved as Select updates. One query for any number
/// of IDs, given as one JSON array parameter (so one statement to plan, and no per-ID parameter to bind by name), read
/// straight into the values without making a Client first. Plain SQL with quoted names, the same on both engines.
/// </summary>
public static class ClientValuesReader
{
    private static readonly string Columns = string.Concat(ClientColumns.Stored.Select(s => ", \"" + s.Property + "\""));

    /// <summary>As <see cref="Read"/>, on the context's connection and in its transaction, if any.</summary>
    public static async Task<Dictionary<int, string?[]>> ReadAsync(BulkImportDbContext db, IReadOnlyCollection<int> clientIds, CancellationToken ct)
    {
        if (clientIds.Count == 0)
        {
            return [];
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            return Read(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), clientIds);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Client ID → values; a client deleted since is absent. <paramref name="connection"/> is open.</summary>
    public static Dictionary<int, string?[]> Read(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<int> clientIds)
    {
        var found = new Dictionary<int, string?[]>(clientIds.Count);
        if (clientIds.Count == 0)
        {
            return found;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""SELECT "ClientId"{Columns} FROM "Clients" WHERE "ClientId" IN ({DatabaseEngine.Of(connection).Json.Integers("@ids")})""";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@ids";
        parameter.Value = RowJson.SerializeIntegers(clientIds);
        command.Parameters.Add(parameter);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetInt32(0);
            var values = new string?[ClientColumns.All.Count];
            values[0] = id.ToString(CultureInfo.InvariantCulture);
            for (var c = 1; c < values.Length; c++)
            {
                values[c] = reader.IsDBNull(c) ? null : reader.GetString(c);
            }

            found[id] = values;
        }

        return found;
    }
}
