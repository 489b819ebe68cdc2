using System.Text;

namespace BulkImport.Core.Data;

/// <summary>
/// One prepared statement of a hot path (staging rows, committing batches, key lookups), made by the engine of the
/// connection (<see cref="DatabaseEngine.Prepare"/>). The SQL is written once for every engine: identifiers quoted,
/// parameters by position as <c>?1</c>, <c>?2</c>… Values are bound by position, text as UTF-8 where the engine can take
/// it so, and the statement runs inside whatever transaction the connection has open.
/// </summary>
public abstract class PreparedStatement : IDisposable
{
    public abstract void Bind(int index, int value);

    public abstract void Bind(int index, long value);

    public abstract void Bind(int index, long? value);

    public abstract void Bind(int index, double value);

    /// <summary>Binds text; null binds NULL.</summary>
    public abstract void Bind(int index, string? value);

    /// <summary>Binds a point in time as the engine's EF Core mapping stores a <see cref="DateTime"/>, so EF Core queries compare like with like.</summary>
    public abstract void Bind(int index, DateTime value);

    /// <summary>Binds text already encoded as UTF-8 (no NUL terminator needed); an empty span is empty text, not NULL.</summary>
    public abstract void BindUtf8(int index, ReadOnlySpan<byte> utf8);

    /// <summary>Binds bytes as a blob (bytea on PostgreSQL).</summary>
    public abstract void BindBlob(int index, byte[] value);

    /// <summary>Binds blank or null text as NULL, as the record tables store an empty cell.</summary>
    public void BindOrNull(int index, string? value) => Bind(index, string.IsNullOrEmpty(value) ? null : value);

    /// <summary>Runs a statement that returns no rows; returns the number of rows it changed.</summary>
    public abstract int Execute();

    /// <summary>Runs an insert made by <see cref="DatabaseEngine.PrepareInsert"/>; returns the ID the database gave the new record.</summary>
    public abstract long ExecuteInsert();

    /// <summary>
    /// Writes what an appending statement (<see cref="DatabaseEngine.PrepareAppend"/>) holds; a statement that writes at
    /// once has nothing to do. Call it before anything reads the rows, and before the transaction commits.
    /// </summary>
    public virtual void Flush()
    {
    }

    /// <summary>Steps a query to its next row; false (and reset, ready to run again) when there are no more.</summary>
    public abstract bool Read();

    /// <summary>Ends a query before its last row.</summary>
    public abstract void Reset();

    public abstract int GetInt32(int column);

    public abstract long GetInt64(int column);

    public abstract bool IsNull(int column);

    /// <summary>The column's text as UTF-8, valid until the next step or reset.</summary>
    public abstract ReadOnlySpan<byte> GetUtf8(int column);

    public virtual string? GetString(int column) => IsNull(column) ? null : Encoding.UTF8.GetString(GetUtf8(column));

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
