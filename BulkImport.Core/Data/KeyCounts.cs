using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Data;

/// <summary>
/// How many staged rows have each of some row keys, leaving out some rows (a batch being changed): one walk of the key
/// index per key, in one query for the whole batch, reading no row. The index hint and the JSON functions are the engine's.
/// </summary>
public static class KeyCounts
{
    public static async Task<Dictionary<string, int>> OfAsync(BulkImportDbContext db, int importId, IReadOnlyCollection<string> keys, IReadOnlyCollection<int> exceptRows, CancellationToken ct)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return counts;
        }

        var keysJson = RowJson.SerializeStrings([.. keys]);
        var rowsJson = RowJson.SerializeIntegers(exceptRows);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            var engine = DatabaseEngine.Of(connection);
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = $"""
                SELECT "RowKey", COUNT(*) FROM "ImportRows" {engine.UseIndex(KeyedRows.KeyIndex)}
                WHERE "ImportId" = @importId AND "RowKey" IN ({engine.Json.Strings("@keys")})
                  AND "RowNumber" NOT IN ({engine.Json.Integers("@rows")})
                GROUP BY "RowKey"
                """;
            Add(command, "@importId", importId);
            Add(command, "@keys", keysJson);
            Add(command, "@rows", rowsJson);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                counts[Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!] = reader.GetInt32(1);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        return counts;
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
