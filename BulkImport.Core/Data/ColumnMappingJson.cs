using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BulkImport.Core.Data;

/// <summary>How a column mapping (file column → template column or null) is stored: one JSON object, in the file's column order.</summary>
internal static class ColumnMappingJson
{
    public static readonly ValueConverter<Dictionary<string, string?>, string> Converter = new(
        v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
        v => JsonSerializer.Deserialize<Dictionary<string, string?>>(v, (JsonSerializerOptions?)null) ?? new Dictionary<string, string?>());

    public static readonly ValueComparer<Dictionary<string, string?>> Comparer = new(
        (a, b) => a == null ? b == null : b != null && a.Count == b.Count && a.All(p => b.ContainsKey(p.Key) && b[p.Key] == p.Value),
        v => v.Aggregate(0, (h, p) => HashCode.Combine(h, p.Key.GetHashCode(), p.Value == null ? 0 : p.Value.GetHashCode())),
        v => new Dictionary<string, string?>(v));
}
