using System.Data.Common;
using System.Runtime.CompilerServices;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Data;

/// <summary>What the results file shows of one staged row: everything but its values (and its key, for the messages of a repeated one).</summary>
public readonly record struct ResultRow(
    int RowNumber, RowStatus Status, RowAction Action, long? RecordId, long? InvoiceId, IReadOnlyList<RowMessage> Messages, bool SkippedByOperator, string? RowKey);

/// <summary>
/// Streams the rows of an import for the results file, in row order, each with its commit result: three plain queries
/// read side by side in row order (the staged rows, the successes and the failures) and merged as they go, so no row is
/// looked up and nothing is sorted. A row's values (its largest column) are never read or parsed, and messages only of
/// rows that have some. An engine whose connection holds one reader at a time (PostgreSQL) reads pages of a join instead.
/// </summary>
public static class ResultRowReader
{
    /// <summary>Rows per page where readers cannot stay open side by side: one page in memory at a time.</summary>
    private const int PageRows = 5_000;

    public static async IAsyncEnumerable<ResultRow> ReadAsync(BulkImportDbContext db, int importId, [EnumeratorCancellation] CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        if (!DatabaseEngine.Of(connection).ReadersSideBySide)
        {
            await foreach (var row in ReadPagesAsync(connection, importId, ct))
            {
                yield return row;
            }

            yield break;
        }
        await using var rows = Command(connection, importId,
            """SELECT "RowNumber", "Status", "Action", "Messages", "SkippedByOperator", "RowKey" FROM "ImportRows" WHERE "ImportId" = @importId ORDER BY "RowNumber" """);
        await using var successes = await ResultCursor.OpenAsync(connection, importId, RowStatus.Success, ct);
        await using var failures = await ResultCursor.OpenAsync(connection, importId, RowStatus.Failed, ct);
        await using var reader = await rows.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var rowNumber = reader.GetInt32(0);
            var status = (RowStatus)reader.GetInt32(1);
            var result = status == RowStatus.Valid
                ? await successes.AtAsync(rowNumber, ct) ?? await failures.AtAsync(rowNumber, ct)
                : null;
            yield return result is null
                ? new ResultRow(rowNumber, status, (RowAction)reader.GetInt32(2), null, null, RowJson.DeserializeMessages(reader.GetString(3)), reader.GetBoolean(4), RowKeyOf(reader))
                : new ResultRow(rowNumber, result.Status, (RowAction)reader.GetInt32(2), result.RecordId, result.InvoiceId, result.Messages(), reader.GetBoolean(4), null);
        }
    }

    /// <summary>
    /// The same rows a page at a time, each page read to its end before any is given out, so whoever reads them may use
    /// the connection in between (the duplicate-key messages do). The planner joins the page's results through their
    /// unique (ImportId, RowNumber) index; the page's bound is said of the results as well (it follows from the join), so
    /// a merge join on PostgreSQL starts there rather than at the import's first result for every page (1,000,000 rows:
    /// 16.8 s of pages).
    /// </summary>
    private static async IAsyncEnumerable<ResultRow> ReadPagesAsync(DbConnection connection, int importId, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var page = Command(connection, importId, $"""
            SELECT r."RowNumber", r."Status", r."Action", r."Messages", r."SkippedByOperator", r."RowKey", s."Status", s."RecordId", s."InvoiceId", s."Error", s."Column"
            FROM "ImportRows" r LEFT JOIN "ImportRowResults" s
              ON s."ImportId" = r."ImportId" AND s."RowNumber" = r."RowNumber" AND s."Status" IN ({(int)RowStatus.Success}, {(int)RowStatus.Failed})
                AND s."RowNumber" > @after
            WHERE r."ImportId" = @importId AND r."RowNumber" > @after ORDER BY r."RowNumber" LIMIT {PageRows}
            """);
        var after = page.CreateParameter();
        after.ParameterName = "@after";
        after.Value = 0;
        page.Parameters.Add(after);
        var rows = new List<ResultRow>(PageRows);
        do
        {
            rows.Clear();
            await using (var reader = await page.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    var rowNumber = reader.GetInt32(0);
                    var status = (RowStatus)reader.GetInt32(1);
                    rows.Add(status == RowStatus.Valid && !reader.IsDBNull(6)
                        ? new ResultRow(rowNumber, (RowStatus)reader.GetInt32(6), (RowAction)reader.GetInt32(2), reader.IsDBNull(7) ? null : reader.GetInt64(7),
                            reader.IsDBNull(8) ? null : reader.GetInt64(8), new RowResult { Error = reader.IsDBNull(9) ? null : reader.GetString(9), Column = reader.IsDBNull(10) ? null : reader.GetString(10) }.Messages(), reader.GetBoolean(4), null)
                        : new ResultRow(rowNumber, status, (RowAction)reader.GetInt32(2), null, null, RowJson.DeserializeMessages(reader.GetString(3)), reader.GetBoolean(4), RowKeyOf(reader)));
                }
            }

            foreach (var row in rows)
            {
                yield return row;
            }

            if (rows.Count > 0)
            {
                after.Value = rows[^1].RowNumber;
            }
        }
        while (rows.Count == PageRows);
    }

    /// <summary>The row's key as text (a Client ID is stored as an integer: NUMERIC affinity).</summary>
    private static string? RowKeyOf(DbDataReader reader) => reader.IsDBNull(5) ? null : reader.GetString(5);

    private static DbCommand Command(DbConnection connection, int importId, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@importId";
        parameter.Value = importId;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>The results of one status in row order, read forward as the staged rows go by.</summary>
    private sealed class ResultCursor : IAsyncDisposable
    {
        private readonly DbCommand _command;
        private readonly DbDataReader _reader;
        private readonly RowStatus _status;
        private RowResult? _current;

        private ResultCursor(DbCommand command, DbDataReader reader, RowStatus status)
        {
            _command = command;
            _reader = reader;
            _status = status;
        }

        public static async Task<ResultCursor> OpenAsync(DbConnection connection, int importId, RowStatus status, CancellationToken ct)
        {
            var command = Command(connection, importId,
                $"""SELECT "RowNumber", "RecordId", "InvoiceId", "Error", "Column" FROM "ImportRowResults" WHERE "ImportId" = @importId AND "Status" = {(int)status} ORDER BY "RowNumber" """);
            var cursor = new ResultCursor(command, await command.ExecuteReaderAsync(ct), status);
            await cursor.MoveAsync(ct);
            return cursor;
        }

        /// <summary>The result of <paramref name="rowNumber"/> if it has one of this status (row numbers must come in order).</summary>
        public async Task<RowResult?> AtAsync(int rowNumber, CancellationToken ct)
        {
            while (_current is not null && _current.RowNumber < rowNumber)
            {
                await MoveAsync(ct);
            }

            return _current?.RowNumber == rowNumber ? _current : null;
        }

        private async Task MoveAsync(CancellationToken ct)
        {
            _current = await _reader.ReadAsync(ct)
                ? new RowResult
                {
                    Status = _status,
                    RowNumber = _reader.GetInt32(0),
                    RecordId = _reader.IsDBNull(1) ? null : _reader.GetInt64(1),
                    InvoiceId = _reader.IsDBNull(2) ? null : _reader.GetInt64(2),
                    Error = _reader.IsDBNull(3) ? null : _reader.GetString(3),
                    Column = _reader.IsDBNull(4) ? null : _reader.GetString(4),
                }
                : null;
        }

        public async ValueTask DisposeAsync()
        {
            await _reader.DisposeAsync();
            await _command.DisposeAsync();
        }
    }
}
