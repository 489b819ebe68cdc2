using System.Data.Common;

namespace BulkImport.Core.Data;

/// <summary>
/// Stages rows into ImportRows, one transaction per batch: the hot path of reading a file. Each engine writes them its
/// fastest way (SQLite: one prepared insert; PostgreSQL: binary COPY).
/// </summary>
public abstract class ImportRowWriter : IDisposable
{
    /// <summary>The writer of the connection's engine for import <paramref name="importId"/> (the connection open).</summary>
    public static ImportRowWriter Create(DbConnection connection, int importId) => DatabaseEngine.Of(connection).CreateRowWriter(connection, importId);

    /// <summary>Writes one batch in its own transaction.</summary>
    public abstract void Write(IReadOnlyList<StagedRow> batch);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
