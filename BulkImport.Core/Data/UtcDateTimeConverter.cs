using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BulkImport.Core.Data;

/// <summary>
/// Every DateTime the app stores is UTC (docs/decisions.md, "Engines"), on every engine (<see cref="BulkImportDbContext"/>
/// applies this to every DateTime and DateTime? property). On PostgreSQL it goes into <c>timestamptz</c>, which Npgsql
/// writes only from a UTC value; SQLite keeps text without a zone and would hand it back with Kind Unspecified, which
/// the API would write without its <c>Z</c>. A value whose Kind is Unspecified is taken as the UTC it is; a Local one is
/// converted. Read back, on either engine, it is Kind Utc.
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
