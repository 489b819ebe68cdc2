using BulkImport.Core.Imports;

namespace BulkImport.Core.Data;

/// <summary>The staged rows of an import that have any of the given row keys, found through the key index (the engine's query).</summary>
public static class KeyedRows
{
    /// <summary>The index of row keys: (ImportId, RowKey), and RowNumber after them as in every index of the table.</summary>
    public const string KeyIndex = "IX_ImportRows_ImportId_RowKey";

    public static IQueryable<ImportRow> Of(BulkImportDbContext db, int importId, IEnumerable<string> keys) =>
        DatabaseEngine.Of(db).RowsWithKeys(db, importId, [.. keys]);
}
