using System.Data.Common;
using Npgsql;

namespace BulkImport.Core.Data.PostgreSql;

/// <summary>
/// Stages rows with binary COPY, one COPY and one transaction per batch: no statement per row at all. The values and
/// messages go as the UTF-8 they were encoded to (<see cref="PgCopyRows"/>). When a large file is staged, the table's
/// statistics are refreshed (<see cref="PostgreSqlStatistics"/>) so the commit reads it by pages.
/// </summary>
internal sealed class PostgreSqlImportRowWriter(DbConnection connection, int importId) : ImportRowWriter
{
    private const int Columns = 8;

    private const string Copy =
        """COPY "ImportRows" ("ImportId", "RowNumber", "Status", "Action", "Values", "Messages", "RowKey", "SkippedByOperator") FROM STDIN (FORMAT BINARY)""";

    private readonly NpgsqlConnection _connection = (NpgsqlConnection)connection;
    private readonly PgCopyRows _rows = new();
    private int _written;

    public override void Write(IReadOnlyList<StagedRow> batch)
    {
        _rows.Clear();
        foreach (var row in batch)
        {
            _rows.StartRow(Columns);
            _rows.Write(importId);
            _rows.Write(row.RowNumber);
            _rows.Write((int)row.Status);
            _rows.Write((int)row.Action);
            _rows.WriteBytes(row.ValuesUtf8);
            _rows.WriteBytes(row.MessagesUtf8);
            _rows.Write(row.RowKey);
            _rows.Write(false);
        }

        using (var transaction = _connection.BeginTransaction())
        {
            _rows.Send(_connection, Copy);
            transaction.Commit();
        }

        _written += batch.Count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _written >= PostgreSqlStatistics.RowsWorthAnalyzing)
        {
            PostgreSqlStatistics.Refresh(_connection, "ImportRows");
        }
    }
}
