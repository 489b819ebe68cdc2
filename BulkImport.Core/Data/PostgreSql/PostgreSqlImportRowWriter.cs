using System.Data.Common;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace BulkImport.Core.Data.PostgreSql;

/// <summary>
/// Stages rows with binary COPY, one COPY and one transaction per batch: no statement per row at all. When a large file
/// is staged, the table's statistics are refreshed (<see cref="PostgreSqlStatistics"/>) so the commit reads it by pages.
/// </summary>
internal sealed class PostgreSqlImportRowWriter(DbConnection connection, int importId) : ImportRowWriter
{
    private const string Copy =
        """COPY "ImportRows" ("ImportId", "RowNumber", "Status", "Action", "Values", "Messages", "RowKey", "SkippedByOperator") FROM STDIN (FORMAT BINARY)""";

    private readonly NpgsqlConnection _connection = (NpgsqlConnection)connection;
    private int _written;

    public override void Write(IReadOnlyList<StagedRow> batch)
    {
        using var transaction = _connection.BeginTransaction();
        using (var copy = _connection.BeginBinaryImport(Copy))
        {
            foreach (var row in batch)
            {
                copy.StartRow();
                copy.Write(importId, NpgsqlDbType.Integer);
                copy.Write(row.RowNumber, NpgsqlDbType.Integer);
                copy.Write((int)row.Status, NpgsqlDbType.Integer);
                copy.Write((int)row.Action, NpgsqlDbType.Integer);
                copy.Write(Encoding.UTF8.GetString(row.ValuesUtf8), NpgsqlDbType.Text);
                copy.Write(Encoding.UTF8.GetString(row.MessagesUtf8), NpgsqlDbType.Text);
                if (row.RowKey is null)
                {
                    copy.WriteNull();
                }
                else
                {
                    copy.Write(row.RowKey, NpgsqlDbType.Text);
                }

                copy.Write(false, NpgsqlDbType.Boolean);
            }

            copy.Complete();
        }

        transaction.Commit();
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
