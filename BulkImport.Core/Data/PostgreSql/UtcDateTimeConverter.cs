using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BulkImport.Core.Data.PostgreSql;

/// <summary>
/// Every DateTime the app stores is UTC (docs/decisions.md, "Engines"): on PostgreSQL it goes into <c>timestamptz</c>,
/// which Npgsql writes only from a UTC value. A value whose Kind is Unspecified (as SQLite reads one back, or as a
/// calculation from one keeps it) is taken as the UTC it is; a Local one is converted. Read back, it is Kind Utc.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(v => ToUtc(v), v => DateTime.SpecifyKind(v, DateTimeKind.Utc))
{
    public static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
