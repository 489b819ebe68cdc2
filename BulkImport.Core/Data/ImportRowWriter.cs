using System.Data.Common;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Data;

/// <summary>
/// Stages parsed rows into ImportRows with one prepared insert, one transaction per batch: the hot path of reading a file.
/// </summary>
public sealed class ImportRowWriter : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly int _batchSize;
    private readonly DbCommand _insert;
    private DbTransaction? _transaction;
    private int _pending;

    public ImportRowWriter(DbConnection connection, int importId, int batchSize)
    {
        _connection = connection;
        _batchSize = batchSize;
        _insert = connection.CreateCommand();
        _insert.CommandText =
            "INSERT INTO ImportRows (ImportId, RowNumber, Status, Action, \"Values\", Messages, RowKey, SkippedByOperator) " +
            "VALUES (@importId, @rowNumber, @status, @action, @values, @messages, @rowKey, 0)";
        AddParameter("@importId", importId);
        AddParameter("@rowNumber", 0);
        AddParameter("@status", 0);
        AddParameter("@action", 0);
        AddParameter("@values", "");
        AddParameter("@messages", "[]");
        AddParameter("@rowKey", DBNull.Value);
    }

    public async Task AddAsync(int rowNumber, RowStatus status, RowAction action, string?[] values, List<RowMessage> messages, string? rowKey, CancellationToken ct)
    {
        if (_transaction is null)
        {
            _transaction = await _connection.BeginTransactionAsync(ct);
            _insert.Transaction = _transaction;
        }

        var p = _insert.Parameters;
        p[1].Value = rowNumber;
        p[2].Value = (int)status;
        p[3].Value = (int)action;
        p[4].Value = RowJson.SerializeValues(values);
        p[5].Value = RowJson.SerializeMessages(messages);
        p[6].Value = (object?)rowKey ?? DBNull.Value;
        await _insert.ExecuteNonQueryAsync(ct);

        if (++_pending >= _batchSize)
        {
            await FlushAsync(ct);
        }
    }

    public async Task FlushAsync(CancellationToken ct)
    {
        if (_transaction is not null)
        {
            await _transaction.CommitAsync(ct);
            await _transaction.DisposeAsync();
            _transaction = null;
        }

        _pending = 0;
    }

    private void AddParameter(string name, object value)
    {
        var parameter = _insert.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        _insert.Parameters.Add(parameter);
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.RollbackAsync();
            await _transaction.DisposeAsync();
        }

        await _insert.DisposeAsync();
    }
}
