using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Data;

/// <summary>
/// The staged rows of an import that have any of the given row keys, found through the key index. Without table
/// statistics SQLite plans <c>ImportId = ?</c> on the primary key over the key index, which reads the whole import (about
/// 0.3-0.9 s on a million rows, for a lookup of two keys); the index is named so the lookup is always a seek per key.
/// </summary>
public static class KeyedRows
{
    /// <summary>The index of row keys: (ImportId, RowKey), and RowNumber after them as in every index of the table.</summary>
    public const string KeyIndex = "IX_ImportRows_ImportId_RowKey";

    public static IQueryable<ImportRow> Of(BulkImportDbContext db, int importId, IEnumerable<string> keys)
    {
        var json = RowJson.SerializeStrings([.. keys]);
        return db.ImportRows.FromSql(
            $"""SELECT * FROM "ImportRows" INDEXED BY "IX_ImportRows_ImportId_RowKey" WHERE "ImportId" = {importId} AND "RowKey" IN (SELECT value FROM json_each({json}))""");
    }
}
