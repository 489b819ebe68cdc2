using System.Data.Common;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Data;

/// <summary>
/// The prepared commands of the commit's hot path: read the next batch of unprocessed valid rows, and, in the batch's
/// transaction, mark each row with its outcome, add to the import's counters and to the usage ledger.
/// A row is only ever marked while it is still Valid, so a batch replayed after a crash cannot count a row twice.
/// </summary>
public sealed class CommitBatchStore : IDisposable
{
    private readonly DbCommand _next;
    private readonly DbCommand _mark;
    private readonly DbCommand _counters;
    private readonly DbCommand _usage;

    public CommitBatchStore(DbConnection connection, int importId)
    {
        _next = Command(connection,
            "SELECT RowNumber, Action, \"Values\" FROM ImportRows WHERE ImportId = @importId AND Status = @valid AND RowNumber > @after ORDER BY RowNumber LIMIT @take",
            ("@importId", importId), ("@valid", (int)RowStatus.Valid), ("@after", 0), ("@take", 0));
        _mark = Command(connection,
            "UPDATE ImportRows SET Status = @status, RecordId = @recordId, InvoiceId = @invoiceId, Messages = @messages WHERE ImportId = @importId AND RowNumber = @rowNumber AND Status = @valid",
            ("@status", 0), ("@recordId", DBNull.Value), ("@invoiceId", DBNull.Value), ("@messages", DBNull.Value),
            ("@importId", importId), ("@rowNumber", 0), ("@valid", (int)RowStatus.Valid));
        _counters = Command(connection,
            "UPDATE Imports SET ProcessedRows = ProcessedRows + @processed, Inserted = Inserted + @inserted, Updated = Updated + @updated, Failed = Failed + @failed WHERE Id = @importId",
            ("@processed", 0), ("@inserted", 0), ("@updated", 0), ("@failed", 0), ("@importId", importId));
        _usage = Command(connection,
            "INSERT INTO UsageEntries (ImportId, CommittedAt, Rows) VALUES (@importId, @at, @rows)",
            ("@importId", importId), ("@at", DateTime.MinValue), ("@rows", 0));
    }

    public async Task<List<CommitRow>> NextBatchAsync(int afterRow, int take, CancellationToken ct)
    {
        _next.Parameters[2].Value = afterRow;
        _next.Parameters[3].Value = take;
        var rows = new List<CommitRow>(take);
        await using var reader = await _next.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new CommitRow(reader.GetInt32(0), (RowAction)reader.GetInt32(1), RowJson.DeserializeValues(reader.GetString(2))));
        }

        return rows;
    }

    /// <summary>Marks the outcomes and adds the counters; returns (inserted, updated, failed).</summary>
    public async Task<(int Inserted, int Updated, int Failed)> RecordAsync(DbTransaction transaction, IReadOnlyList<RowOutcome> outcomes, DateTime committedAt, CancellationToken ct)
    {
        _mark.Transaction = _counters.Transaction = _usage.Transaction = transaction;
        int inserted = 0, updated = 0, failed = 0;
        foreach (var outcome in outcomes)
        {
            var p = _mark.Parameters;
            p[0].Value = (int)(outcome.Success ? RowStatus.Success : RowStatus.Failed);
            p[1].Value = (object?)outcome.RecordId ?? DBNull.Value;
            p[2].Value = (object?)outcome.InvoiceId ?? DBNull.Value;
            p[3].Value = RowJson.SerializeMessages(outcome.Error is null ? [] : [new RowMessage(null, outcome.Error, "commit")]);
            p[5].Value = outcome.RowNumber;
            if (await _mark.ExecuteNonQueryAsync(ct) != 1)
            {
                throw new InvalidOperationException($"Row {outcome.RowNumber} was no longer waiting to be committed; the batch is rolled back.");
            }

            if (!outcome.Success)
            {
                failed++;
            }
            else if (outcome.Action == RowAction.Insert)
            {
                inserted++;
            }
            else
            {
                updated++;
            }
        }

        _counters.Parameters[0].Value = outcomes.Count;
        _counters.Parameters[1].Value = inserted;
        _counters.Parameters[2].Value = updated;
        _counters.Parameters[3].Value = failed;
        await _counters.ExecuteNonQueryAsync(ct);

        if (inserted + updated > 0)
        {
            _usage.Parameters[1].Value = committedAt;
            _usage.Parameters[2].Value = inserted + updated;
            await _usage.ExecuteNonQueryAsync(ct);
        }

        return (inserted, updated, failed);
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }

        return command;
    }

    public void Dispose()
    {
        _next.Dispose();
        _mark.Dispose();
        _counters.Dispose();
        _usage.Dispose();
    }
}
