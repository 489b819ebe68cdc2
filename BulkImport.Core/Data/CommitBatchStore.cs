using System.Data.Common;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Data;

/// <summary>
/// The prepared statements of the commit's hot path that write: in the batch's transaction, mark each row with its outcome, add to the import's counters and to the usage ledger.
/// A row is only ever marked while it is still Valid, so a batch replayed after a crash cannot count a row twice.
/// </summary>
public sealed class CommitBatchStore : IDisposable
{
    private readonly int _importId;
    private readonly SqliteStatement _mark;
    private readonly SqliteStatement _counters;
    private readonly SqliteStatement _usage;
    private readonly SqliteStatement _cancelRequested;

    public CommitBatchStore(DbConnection connection, int importId)
    {
        _importId = importId;
        _mark = new SqliteStatement(connection,
            "UPDATE ImportRows SET Status = ?1, RecordId = ?2, InvoiceId = ?3, Messages = ?4 WHERE ImportId = ?5 AND RowNumber = ?6 AND Status = ?7");
        _counters = new SqliteStatement(connection,
            "UPDATE Imports SET ProcessedRows = ProcessedRows + ?1, Inserted = Inserted + ?2, Updated = Updated + ?3, Failed = Failed + ?4 WHERE Id = ?5");
        _usage = new SqliteStatement(connection, "INSERT INTO UsageEntries (ImportId, CommittedAt, Rows) VALUES (?1, ?2, ?3)");
        _cancelRequested = new SqliteStatement(connection, "SELECT CancelRequested FROM Imports WHERE Id = ?1");
    }

    /// <summary>Whether someone asked to cancel the import (read at each batch boundary).</summary>
    public bool CancelRequested()
    {
        _cancelRequested.Bind(1, _importId);
        var requested = _cancelRequested.Read() && _cancelRequested.GetInt32(0) != 0;
        _cancelRequested.Reset();
        return requested;
    }

    /// <summary>Marks the outcomes and adds the counters, inside the caller's transaction.</summary>
    public BatchCounts Record(IReadOnlyList<RowOutcome> outcomes, DateTime committedAt)
    {
        int inserted = 0, updated = 0, failed = 0;
        foreach (var outcome in outcomes)
        {
            _mark.Bind(1, (int)(outcome.Success ? RowStatus.Success : RowStatus.Failed));
            _mark.Bind(2, outcome.RecordId);
            _mark.Bind(3, outcome.InvoiceId);
            _mark.BindUtf8(4, outcome.Error is null ? RowJson.NoMessagesUtf8 : RowJson.SerializeMessagesUtf8([new RowMessage(null, outcome.Error, "commit")]));
            _mark.Bind(5, _importId);
            _mark.Bind(6, outcome.RowNumber);
            _mark.Bind(7, (int)RowStatus.Valid);
            if (_mark.Execute() != 1)
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

        _counters.Bind(1, outcomes.Count);
        _counters.Bind(2, inserted);
        _counters.Bind(3, updated);
        _counters.Bind(4, failed);
        _counters.Bind(5, _importId);
        _counters.Execute();

        if (inserted + updated > 0)
        {
            _usage.Bind(1, _importId);
            // As EF Core stores a DateTime in SQLite, so the ledger's date filters compare like with like.
            _usage.Bind(2, committedAt.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture));
            _usage.Bind(3, inserted + updated);
            _usage.Execute();
        }

        return new BatchCounts(outcomes.Count, inserted, updated, failed);
    }

    public void Dispose()
    {
        _mark.Dispose();
        _counters.Dispose();
        _usage.Dispose();
        _cancelRequested.Dispose();
    }
}

/// <summary>What one committed batch added to the import's counters.</summary>
public readonly record struct BatchCounts(int Processed, int Inserted, int Updated, int Failed);
