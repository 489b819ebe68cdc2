using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Data;

/// <summary>
/// Staged rows' values by row number, for the possible-duplicates check's exact comparison: one statement for any number
/// of rows (their numbers as one JSON array parameter), each row's values decoded from the UTF-8 JSON they are stored
/// as. Through EF Core each row's values were first made one string and then parsed, and a file uploaded twice
/// compares every one of its rows.
/// </summary>
public static class ImportRowValuesReader
{
    /// <summary>Row number → values for the rows of <paramref name="importId"/> among <paramref name="rowNumbers"/>.</summary>
    public static async Task<Dictionary<int, string?[]>> ReadAsync(BulkImportDbContext db, int importId, IReadOnlyCollection<int> rowNumbers, CancellationToken ct)
    {
        var found = new Dictionary<int, string?[]>(rowNumbers.Count);
        if (rowNumbers.Count == 0)
        {
            return found;
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            var engine = DatabaseEngine.Of(connection);
            using var rows = engine.Prepare(connection,
                $"""SELECT "RowNumber", "Values" FROM "ImportRows" WHERE "ImportId" = ?1 AND "RowNumber" IN ({engine.Json.Integers("?2")})""");
            rows.Bind(1, importId);
            rows.Bind(2, RowJson.SerializeIntegers(rowNumbers));
            while (rows.Read())
            {
                found[rows.GetInt32(0)] = RowJson.DeserializeValues(rows.GetUtf8(1));
            }

            return found;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
