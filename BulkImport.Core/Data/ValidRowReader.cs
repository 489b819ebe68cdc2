using System.Data.Common;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Data;

/// <summary>
/// Reads an import's Valid rows after a given row, a batch at a time in row order: from the last row already committed on,
/// they are the rows waiting (see <see cref="CommittedRows"/>). It runs on its own connection, ahead of the writer: under
/// WAL a reader never waits for the writer.
/// </summary>
public sealed class ValidRowReader(DbConnection connection, int importId) : IDisposable
{
    private readonly PreparedStatement _next = DatabaseEngine.Of(connection).Prepare(connection,
        """SELECT "RowNumber", "Action", "Values" FROM "ImportRows" WHERE "ImportId" = ?1 AND "Status" = ?2 AND "RowNumber" > ?3 ORDER BY "RowNumber" LIMIT ?4""");

    public List<CommitRow> NextBatch(int afterRow, int take)
    {
        _next.Bind(1, importId);
        _next.Bind(2, (int)RowStatus.Valid);
        _next.Bind(3, afterRow);
        _next.Bind(4, take);
        var rows = new List<CommitRow>(take);
        while (_next.Read())
        {
            rows.Add(CommitRow.FromJson(_next.GetInt32(0), (RowAction)_next.GetInt32(1), _next.GetUtf8(2)));
        }

        return rows;
    }

    public void Dispose() => _next.Dispose();
}
