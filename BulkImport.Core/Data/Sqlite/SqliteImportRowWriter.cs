using System.Data.Common;

namespace BulkImport.Core.Data.Sqlite;

/// <summary>Stages rows with one prepared insert, bound by position with the values already UTF-8.</summary>
internal sealed class SqliteImportRowWriter : ImportRowWriter
{
    private readonly DbConnection _connection;
    private readonly int _importId;
    private readonly SqliteStatement _insert;

    public SqliteImportRowWriter(DbConnection connection, int importId)
    {
        _connection = connection;
        _importId = importId;
        _insert = new SqliteStatement(connection,
            "INSERT INTO ImportRows (ImportId, RowNumber, Status, Action, \"Values\", Messages, RowKey, SkippedByOperator) " +
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0)");
    }

    public override void Write(IReadOnlyList<StagedRow> batch)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var row in batch)
        {
            _insert.Bind(1, _importId);
            _insert.Bind(2, row.RowNumber);
            _insert.Bind(3, (int)row.Status);
            _insert.Bind(4, (int)row.Action);
            _insert.BindUtf8(5, row.ValuesUtf8);
            _insert.BindUtf8(6, row.MessagesUtf8);
            _insert.Bind(7, row.RowKey);
            _insert.Execute();
        }

        transaction.Commit();
    }

    protected override void Dispose(bool disposing) => _insert.Dispose();
}
