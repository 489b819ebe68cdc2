using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BulkImport.Core.Data.Sqlite;

/// <summary>
/// One prepared SQLite statement driven through the native API, for the hot paths only (staging rows, committing
/// batches). A <see cref="SqliteCommand"/> looks every parameter up by name and re-encodes every string on each
/// execution; on a million rows that was a third of the time. Parameters here are bound by position (1-based, as in
/// SQLite's <c>?1</c>), strings as UTF-8. The statement runs inside whatever transaction the connection has open.
/// </summary>
public sealed class SqliteStatement : PreparedStatement
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;

    /// <summary>The native statement, for <see cref="SqliteColumns"/>: <see cref="_stmt"/> keeps it alive until this is disposed.</summary>
    private readonly nint _handle;
    private byte[] _utf8 = new byte[256];

    public SqliteStatement(DbConnection connection, string sql)
    {
        var sqlite = connection as SqliteConnection
            ?? throw new NotSupportedException("The import fast path needs a SQLite connection.");
        _db = sqlite.Handle ?? throw new InvalidOperationException("The connection must be open before a statement is prepared.");
        Check(raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _stmt, out _));
        _handle = _stmt.DangerousGetHandle();
    }

    public override void Bind(int index, int value) => Check(raw.sqlite3_bind_int(_stmt, index, value));

    public override void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_stmt, index, value));

    public override void Bind(int index, long? value) => Check(value is { } v ? raw.sqlite3_bind_int64(_stmt, index, v) : raw.sqlite3_bind_null(_stmt, index));

    public override void Bind(int index, double value) => Check(raw.sqlite3_bind_double(_stmt, index, value));

    /// <summary>Binds text; null binds NULL. The text is encoded into a buffer the statement reuses (SQLite copies it).</summary>
    public override void Bind(int index, string? value)
    {
        if (value is null)
        {
            Check(raw.sqlite3_bind_null(_stmt, index));
            return;
        }

        var most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (most > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(most, _utf8.Length * 2)];
        }

        BindUtf8(index, _utf8.AsSpan(0, Encoding.UTF8.GetBytes(value, _utf8)));
    }

    /// <summary>Binds text already encoded as UTF-8 (no NUL terminator needed).</summary>
    public override void BindUtf8(int index, ReadOnlySpan<byte> utf8) =>
        // An empty span has no address, which SQLite would take for NULL: empty text is bound as a string.
        Check(utf8.IsEmpty ? raw.sqlite3_bind_text(_stmt, index, string.Empty) : raw.sqlite3_bind_text(_stmt, index, utf8));

    public override void BindBlob(int index, byte[] value) => Check(raw.sqlite3_bind_blob(_stmt, index, value));

    /// <summary>
    /// As EF Core stores a DateTime in SQLite (text, UTC: <see cref="UtcDateTimeConverter"/>), so date filters of EF Core
    /// queries compare like with like.
    /// </summary>
    public override void Bind(int index, DateTime value) => Bind(index, UtcDateTimeConverter.ToUtc(value).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));

    /// <summary>Runs a statement that returns no rows; returns the number of rows it changed.</summary>
    public override int Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(_stmt);
            if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
            {
                Check(rc);
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_stmt);
        }
    }

    public override long ExecuteInsert()
    {
        Execute();
        return LastInsertRowId;
    }

    /// <summary>The rowid of the last row this connection inserted.</summary>
    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(_db);

    /// <summary>Steps a query to its next row; false (and reset, ready to run again) when there are no more.</summary>
    public override bool Read()
    {
        var rc = raw.sqlite3_step(_stmt);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }

        return false;
    }

    /// <summary>Ends a query before its last row.</summary>
    public override void Reset() => raw.sqlite3_reset(_stmt);

    public override int GetInt32(int column) => (int)SqliteColumns.ColumnInt64(_handle, column);

    public override long GetInt64(int column) => SqliteColumns.ColumnInt64(_handle, column);

    public override bool IsNull(int column) => SqliteColumns.ColumnType(_handle, column) == raw.SQLITE_NULL;

    /// <summary>The column's text as UTF-8, valid until the next step or reset.</summary>
    public override ReadOnlySpan<byte> GetUtf8(int column) => SqliteColumns.Utf8(_handle, column);

    public override string? GetString(int column) => IsNull(column) ? null : Encoding.UTF8.GetString(GetUtf8(column));

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_db));
        }
    }

    protected override void Dispose(bool disposing) => _stmt.Dispose();
}
