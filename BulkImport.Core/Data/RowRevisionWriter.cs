using System.Text.Json;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BulkImport.Core.Data;

/// <summary>
/// Saves a revised batch of rows (a replace, a bulk skip) in one statement: every row <paramref name="db"/> tracks as
/// changed gets its status, action, values, messages, key and skip mark from one JSON parameter (UPDATE … FROM
/// json_each). SaveChanges wrote one UPDATE per row with EF's bookkeeping around each, most of a replace's time.
/// Engine-specific (SQLite's <c>json_each</c>/<c>json_extract</c>): PostgreSQL gets its own version.
/// </summary>
public static class RowRevisionWriter
{
    /// <summary>
    /// Writes the changed rows; returns how many were written. They stay Modified in <paramref name="db"/> (setting them
    /// Unchanged would put their values back as read): the caller saves nothing else with this context and discards it.
    /// </summary>
    public static async Task<int> SaveAsync(BulkImportDbContext db, int importId, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        var changed = db.ChangeTracker.Entries<ImportRow>().Where(e => e.State == EntityState.Modified).ToList();
        if (changed.Count == 0)
        {
            return 0;
        }

        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var entry in changed)
            {
                var row = entry.Entity;
                json.WriteStartArray();
                json.WriteNumberValue(row.RowNumber);
                json.WriteNumberValue((int)row.Status);
                json.WriteNumberValue((int)row.Action);
                json.WriteStringValue(RowJson.SerializeValues(row.Values));
                json.WriteStringValue(RowJson.SerializeMessages(row.Messages));
                json.WriteStringValue(row.RowKey);
                json.WriteNumberValue(row.SkippedByOperator ? 1 : 0);
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        var rows = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var written = await db.Database.ExecuteSqlAsync($"""
            UPDATE "ImportRows" SET "Status" = json_extract(j.value, '$[1]'), "Action" = json_extract(j.value, '$[2]'),
                "Values" = json_extract(j.value, '$[3]'), "Messages" = json_extract(j.value, '$[4]'),
                "RowKey" = json_extract(j.value, '$[5]'), "SkippedByOperator" = json_extract(j.value, '$[6]')
            FROM json_each({rows}) AS j
            WHERE "ImportRows"."ImportId" = {importId} AND "ImportRows"."RowNumber" = json_extract(j.value, '$[0]')
            """, ct);
        return written;
    }
}
