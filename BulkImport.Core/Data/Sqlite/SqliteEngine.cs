using System.Data.Common;
using BulkImport.Core.Imports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Data.Sqlite;

/// <summary>The embedded engine: native prepared statements on the hot paths, WAL, one writer at a time.</summary>
public sealed class SqliteEngine : DatabaseEngine
{
    public static readonly SqliteEngine Instance = new();

    private SqliteEngine()
    {
    }

    public override string Name => "Sqlite";

    protected override bool Serves(DbConnection connection) => connection is SqliteConnection;

    public override PreparedStatement Prepare(DbConnection connection, string sql) => new SqliteStatement(connection, sql);

    public override PreparedStatement PrepareInsert(DbConnection connection, string table, IReadOnlyList<string> columns, string idColumn) =>
        // The new ID is the row's rowid (an INTEGER PRIMARY KEY), read after the step: no RETURNING needed.
        new SqliteStatement(connection,
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "?" + (i + 1)))})");

    public override string UseIndex(string index) => $"INDEXED BY \"{index}\"";

    // Balances are stored as decimal text; the arithmetic is done in whole cents and written back with two decimals.
    public override string CentsOf(string column) => $"CAST(ROUND({column} * 100) AS INTEGER)";

    public override string MoneyOfCents(string cents) => $"printf('%.2f', ({cents}) / 100.0)";

    public override string LikeIgnoringCase => "LIKE";

    // NOCASE folds ASCII letters only; a text longer in bytes than in characters holds a character outside ASCII (a
    // tenth of the cost of a GLOB character class on a million e-mails).
    public override string MayEqualIgnoringCase(string column, string lowerCaseStrings) =>
        $"({column} COLLATE NOCASE IN ({lowerCaseStrings}) OR length({column}) <> length(CAST({column} AS BLOB)))";

    public override JsonSql Json => SqliteJsonSql.Instance;

    public override IDisposable BeginHotWriter(DbConnection connection) => SqliteSession.HotWriter(connection);

    /// <summary>A deferred transaction: it takes no write lock, and under WAL a commit running meanwhile is neither blocked nor seen.</summary>
    public override async Task<IAsyncDisposable> BeginReadSnapshotAsync(BulkImportDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var transaction = ((SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        await db.Database.UseTransactionAsync(transaction, ct);
        return transaction;
    }

    /// <summary>
    /// Without table statistics SQLite plans <c>ImportId = ?</c> on the primary key over the key index, which reads the
    /// whole import (about 0.3-0.9 s on a million rows, for a lookup of two keys); the index is named so the lookup is
    /// always a seek per key.
    /// </summary>
    public override IQueryable<ImportRow> RowsWithKeys(BulkImportDbContext db, int importId, IReadOnlyList<string> keys)
    {
        var json = RowJson.SerializeStrings([.. keys]);
        return db.ImportRows.FromSql(
            $"""SELECT * FROM "ImportRows" INDEXED BY "IX_ImportRows_ImportId_RowKey" WHERE "ImportId" = {importId} AND "RowKey" IN (SELECT value FROM json_each({json}))""");
    }

    public override ImportRowWriter CreateRowWriter(DbConnection connection, int importId) => new SqliteImportRowWriter(connection, importId);
}
