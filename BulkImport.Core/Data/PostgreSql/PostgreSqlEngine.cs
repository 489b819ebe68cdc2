using System.Data;
using System.Data.Common;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BulkImport.Core.Data.PostgreSql;

/// <summary>
/// The server engine: binary COPY where rows go in by the thousand (staging), server-prepared statements elsewhere, MVCC
/// snapshots for readers. The planner has statistics, so no query names an index.
/// </summary>
public sealed class PostgreSqlEngine : DatabaseEngine
{
    public static readonly PostgreSqlEngine Instance = new();

    private PostgreSqlEngine()
    {
    }

    public override string Name => DatabaseProvider.PostgreSql;

    public override string AsText(string column) => $"CAST({column} AS text)";

    protected override bool Serves(DbConnection connection) => connection is NpgsqlConnection;

    public override PreparedStatement Prepare(DbConnection connection, string sql) => new PostgreSqlStatement(connection, sql);

    public override PreparedStatement PrepareInsert(DbConnection connection, string table, IReadOnlyList<string> columns, string idColumn) =>
        new PostgreSqlStatement(connection,
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "?" + (i + 1)))}) RETURNING \"{idColumn}\"");

    /// <summary>Rows held and written by one binary COPY per batch: a statement per row costs a round trip to the server each.</summary>
    public override PreparedStatement PrepareAppend(DbConnection connection, string table, IReadOnlyList<string> columns, string? idColumn) =>
        new PostgreSqlAppend(connection, table, columns, idColumn);

    public override string UseIndex(string index) => string.Empty;

    public override bool ReadersSideBySide => false;

    /// <summary>
    /// <c>SELECT … FOR UPDATE</c>: under READ COMMITTED a statement's conditions are judged on the snapshot it started
    /// with, so a delete whose "nothing depends on it" check ran while another import was adding a dependant waited
    /// for that import's lock and then deleted anyway, its foreign key's cascade taking the dependant just committed
    /// (an outside audit: an undo beside an assignment import). Locked first, in a statement of its own, the check that
    /// follows sees the dependant.
    /// </summary>
    public override void LockRows(DbConnection connection, string table, string idColumn, IEnumerable<long> ids)
    {
        var list = string.Join(",", ids.Distinct().Order());
        if (list.Length == 0)
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT 1 FROM "{table}" WHERE "{idColumn}" IN ({list}) ORDER BY "{idColumn}" FOR UPDATE""";
        command.ExecuteNonQuery();
    }

    /// <summary>Several instances share one PostgreSQL database: its work is leased in the table WorkLeases.</summary>
    public override LeaseStore Leases => PostgreSqlLeaseStore.Instance;

    public override string CentsOf(string column) => $"CAST(ROUND({column} * 100) AS bigint)";

    public override string MoneyOfCents(string cents) => $"ROUND(({cents}) / 100.0, 2)";

    public override string LikeIgnoringCase => "ILIKE";

    // lower() under the "C" collation folds ASCII letters only, the same in every database locale (a Turkish one would
    // fold 'I' to a dotless i otherwise).
    public override string MayEqualIgnoringCase(string column, string lowerCaseStrings) =>
        $"(lower({column} COLLATE \"C\") IN ({lowerCaseStrings}) OR length({column}) <> octet_length({column}))";

    public override JsonSql Json => PostgreSqlJsonSql.Instance;

    /// <summary>Nothing to change: the server's settings are the administrator's, and durability is not traded for speed.</summary>
    public override IDisposable BeginHotWriter(DbConnection connection) => NoSettings.Instance;

    /// <summary>REPEATABLE READ is PostgreSQL's snapshot: every query of the transaction sees the same committed data, and takes no lock a writer waits for.</summary>
    public override async Task<IAsyncDisposable> BeginReadSnapshotAsync(BulkImportDbContext db, CancellationToken ct) =>
        await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);

    public override IQueryable<ImportRow> RowsWithKeys(BulkImportDbContext db, int importId, IReadOnlyList<string> keys)
    {
        var array = keys.ToArray();
        return db.ImportRows.FromSql($"""SELECT * FROM "ImportRows" WHERE "ImportId" = {importId} AND "RowKey" = ANY({array})""");
    }

    public override ImportRowWriter CreateRowWriter(DbConnection connection, int importId) => new PostgreSqlImportRowWriter(connection, importId);

    /// <summary>
    /// Identity columns take explicit IDs (the reference data keeps its own) without moving their sequences; each is
    /// moved past the highest ID so the next record the database numbers does not collide.
    /// </summary>
    public override async Task ContinueIdentitiesAsync(BulkImportDbContext db, CancellationToken ct)
    {
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var key = entity.FindPrimaryKey();
            var table = entity.GetTableName();
            if (key is not { Properties: [var id] } || table is null || id.ValueGenerated != Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd
                || (id.ClrType != typeof(int) && id.ClrType != typeof(long)))
            {
                continue;
            }

            var column = id.GetColumnName();
            // Table and column come from the model, never from input.
#pragma warning disable EF1002
            await db.Database.ExecuteSqlRawAsync(
                $"""SELECT setval(pg_get_serial_sequence('"{table}"', '{column}'), COALESCE((SELECT MAX("{column}") FROM "{table}"), 0) + 1, false)""", ct);
#pragma warning restore EF1002
        }
    }

    private sealed class NoSettings : IDisposable
    {
        public static readonly NoSettings Instance = new();

        public void Dispose()
        {
        }
    }
}
