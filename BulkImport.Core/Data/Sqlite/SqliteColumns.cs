using System.Runtime.InteropServices;

namespace BulkImport.Core.Data.Sqlite;

/// <summary>
/// SQLite's column accessors called directly, for the hot paths' result rows. Through SQLitePCL each call takes and
/// gives back the statement's SafeHandle and makes a full transition to native code: about 50 ns, twice per text cell,
/// which was most of the cost of reading a batch's before-images (19 cells a client, a million clients). These calls
/// only read the current row of a statement the caller holds (no callbacks, no blocking), which is what makes
/// <see cref="SuppressGCTransitionAttribute"/> safe for them.
/// </summary>
internal static unsafe partial class SqliteColumns
{
    private const string Library = "e_sqlite3";

    [LibraryImport(Library, EntryPoint = "sqlite3_column_blob")]
    [SuppressGCTransition]
    private static partial byte* ColumnBlob(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    [SuppressGCTransition]
    private static partial int ColumnBytes(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
    [SuppressGCTransition]
    public static partial int ColumnType(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    [SuppressGCTransition]
    public static partial long ColumnInt64(nint statement, int column);

    /// <summary>The column's value as bytes (text as UTF-8), valid until the statement steps or resets; empty for NULL.</summary>
    public static ReadOnlySpan<byte> Utf8(nint statement, int column)
    {
        // blob first, then bytes: SQLite's documented order, so the length is that of the converted value.
        var blob = ColumnBlob(statement, column);
        return blob is null ? [] : new ReadOnlySpan<byte>(blob, ColumnBytes(statement, column));
    }
}
