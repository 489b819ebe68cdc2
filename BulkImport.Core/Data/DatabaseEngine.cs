using System.Data.Common;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Data;

/// <summary>
/// The persistence seam (DESIGN 6, "an engine is a folder"): everything that differs between SQLite and PostgreSQL on
/// the hot paths (staging rows, commit batches, row pages, results, key lookups). Committers and Core services ask the
/// engine of their connection (<see cref="Of(DbConnection)"/>) and never name a driver; each engine lives in its own
/// folder (<c>Data/Sqlite/</c>, <c>Data/PostgreSql/</c>). The engine is found from the connection, not injected, so the
/// many places that hold only a connection or a context keep their signatures.
/// </summary>
public abstract class DatabaseEngine
{
    private static readonly DatabaseEngine[] Engines = [Sqlite.SqliteEngine.Instance, PostgreSql.PostgreSqlEngine.Instance];

    /// <summary>The engine's name as <c>Database:Provider</c> spells it.</summary>
    public abstract string Name { get; }

    /// <summary>The engine of <paramref name="connection"/>.</summary>
    public static DatabaseEngine Of(DbConnection connection) =>
        Array.Find(Engines, e => e.Serves(connection))
        ?? throw new NotSupportedException($"BulkImport has no engine for a {connection.GetType().Name}: set Database:Provider to Sqlite or PostgreSql.");

    /// <summary>The engine of the context's connection.</summary>
    public static DatabaseEngine Of(BulkImportDbContext db) => Of(db.Database.GetDbConnection());

    /// <summary>Whether this engine drives <paramref name="connection"/>.</summary>
    protected abstract bool Serves(DbConnection connection);

    /// <summary>A prepared statement of portable SQL (quoted identifiers, <c>?N</c> parameters) on the open connection.</summary>
    public abstract PreparedStatement Prepare(DbConnection connection, string sql);

    /// <summary>An insert of <paramref name="columns"/> (parameters <c>?1</c>… in that order) whose <see cref="PreparedStatement.ExecuteInsert"/> returns the new <paramref name="idColumn"/>.</summary>
    public abstract PreparedStatement PrepareInsert(DbConnection connection, string table, IReadOnlyList<string> columns, string idColumn);

    /// <summary>
    /// An insert of many rows in one batch (a commit's new records, its row results): <c>Execute</c>/<c>ExecuteInsert</c>
    /// per row, then <see cref="PreparedStatement.Flush"/> once. An engine may hold the rows and write them together (a
    /// new record's ID is then given out beforehand); by default each row is written at once.
    /// </summary>
    public virtual PreparedStatement PrepareAppend(DbConnection connection, string table, IReadOnlyList<string> columns, string? idColumn) =>
        idColumn is null
            ? Prepare(connection, $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "?" + (i + 1)))})")
            : PrepareInsert(connection, table, columns, idColumn);

    /// <summary>What follows a table name to make a query use <paramref name="index"/> (SQLite plans without statistics), or nothing.</summary>
    public abstract string UseIndex(string index);

    /// <summary>An expression of the whole cents of a money column (stored as decimal text on SQLite, numeric on PostgreSQL).</summary>
    public abstract string CentsOf(string column);

    /// <summary>An expression storing whole cents (<paramref name="cents"/>, an integer expression) back into a money column.</summary>
    public abstract string MoneyOfCents(string cents);

    /// <summary>The <c>LIKE</c> that ignores ASCII case (SQLite's own <c>LIKE</c>; PostgreSQL's <c>ILIKE</c>).</summary>
    public abstract string LikeIgnoringCase { get; }

    /// <summary>
    /// A condition that holds for every value of <paramref name="column"/> whose invariant lower case may be one of the
    /// lower-case strings of the subquery <paramref name="lowerCaseStrings"/>: the values equal to one of them ignoring
    /// ASCII case, whatever the database's locale, and every value holding a character outside ASCII, left to the caller
    /// to compare exactly (.NET's case rules are not the engine's, and such values are rare).
    /// </summary>
    public abstract string MayEqualIgnoringCase(string column, string lowerCaseStrings);

    /// <summary>How this engine reads and builds JSON inside a statement (a batch's keys, a before-image, a row's messages).</summary>
    public abstract JsonSql Json { get; }

    /// <summary>
    /// A column read as its text by <see cref="PreparedStatement.GetUtf8"/>: SQLite gives any value's text as it is; on
    /// PostgreSQL a typed value (a date, a number) is cast, so it reads as the server's text of it.
    /// </summary>
    public virtual string AsText(string column) => column;

    /// <summary>Settings for the duration of one hot-path run (staging a file, committing an import), given back when disposed.</summary>
    public abstract IDisposable BeginHotWriter(DbConnection connection);

    /// <summary>A read-only transaction on the context, so several queries see one snapshot while a commit goes on unblocked.</summary>
    public abstract Task<IAsyncDisposable> BeginReadSnapshotAsync(BulkImportDbContext db, CancellationToken ct);

    /// <summary>The staged rows of an import that have any of <paramref name="keys"/>, found through the key index.</summary>
    public abstract IQueryable<ImportRow> RowsWithKeys(BulkImportDbContext db, int importId, IReadOnlyList<string> keys);

    /// <summary>The writer that stages rows into ImportRows, a transaction per batch.</summary>
    public abstract ImportRowWriter CreateRowWriter(DbConnection connection, int importId);

    /// <summary>
    /// Whether one connection can read several result sets at once and run other commands while they are open (SQLite
    /// can; PostgreSQL's protocol cannot: a reader must be read to its end before the connection does anything else).
    /// </summary>
    public virtual bool ReadersSideBySide => true;

    /// <summary>
    /// Locks the rows of <paramref name="table"/> whose <paramref name="idColumn"/> is one of <paramref name="ids"/> for
    /// the rest of the transaction, in ID order, waiting for any writer that holds them; a statement after it sees what
    /// those writers committed. Nothing to do where writers take turns (SQLite: a write transaction runs alone).
    /// </summary>
    public virtual void LockRows(DbConnection connection, string table, string idColumn, IEnumerable<long> ids)
    {
    }

    /// <summary>
    /// Where the leases of background work are kept when several app instances share the database (SPEC 22), or null
    /// for an engine that serves one instance (SQLite: its leases live in the instance's memory, and what a stopped
    /// instance left is found at its next start, as <c>Commit:ResumeInterruptedOnStartup</c> says).
    /// </summary>
    public virtual LeaseStore? Leases => null;

    /// <summary>After records were added with their own IDs (the reference data), lets the database number the next ones past them.</summary>
    public virtual Task ContinueIdentitiesAsync(BulkImportDbContext db, CancellationToken ct) => Task.CompletedTask;
}
