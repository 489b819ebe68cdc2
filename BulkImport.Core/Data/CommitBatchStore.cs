using System.Data.Common;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Data;

/// <summary>
/// The prepared statements of the commit's hot path that write: in the batch's transaction, append each row's outcome
/// to ImportRowResults, add to the import's counters and to the usage ledger. A batch is only recorded past the last
/// row already committed, so a batch replayed after a crash cannot count a row twice.
/// </summary>
public sealed class CommitBatchStore : IDisposable
{
    private readonly int _importId;
    private readonly PreparedStatement _result;
    private readonly PreparedStatement _committedFrom;
    private readonly PreparedStatement _counters;
    private readonly PreparedStatement _usage;
    private readonly PreparedStatement _cancelRequested;

    public CommitBatchStore(DbConnection connection, int importId)
    {
        _importId = importId;
        var engine = DatabaseEngine.Of(connection);
        _result = engine.PrepareAppend(connection, "ImportRowResults", ["ImportId", "Status", "RowNumber", "RecordId", "InvoiceId", "Error", "Column"], idColumn: null);
        // A seek from the batch's first row: ordered by row number, the only plan is a walk of the (ImportId, RowNumber)
        // index from there (or one seek per status of the clustered key), which stops at once when no row is past it.
        // Without the order PostgreSQL's cached plan for this statement was a scan of the import's results looking for
        // a row that is not there, once per batch: 1,000,000 rows, 60 s of server time growing with the square of the rows.
        _committedFrom = engine.Prepare(connection,
            """SELECT "RowNumber" FROM "ImportRowResults" WHERE "ImportId" = ?1 AND "Status" IN (?2, ?3) AND "RowNumber" >= ?4 ORDER BY "RowNumber" LIMIT 1""");
        _counters = engine.Prepare(connection,
            """UPDATE "Imports" SET "ProcessedRows" = "ProcessedRows" + ?1, "Inserted" = "Inserted" + ?2, "Updated" = "Updated" + ?3, "Failed" = "Failed" + ?4 WHERE "Id" = ?5""");
        _usage = engine.Prepare(connection, """INSERT INTO "UsageEntries" ("ImportId", "CommittedAt", "Rows") VALUES (?1, ?2, ?3)""");
        // As a number on every engine (SQLite stores a bool as 0 or 1).
        _cancelRequested = engine.Prepare(connection, """SELECT CASE WHEN "CancelRequested" THEN 1 ELSE 0 END FROM "Imports" WHERE "Id" = ?1""");
    }

    /// <summary>Whether someone asked to cancel the import (read at each batch boundary).</summary>
    public bool CancelRequested()
    {
        _cancelRequested.Bind(1, _importId);
        var requested = _cancelRequested.Read() && _cancelRequested.GetInt32(0) != 0;
        _cancelRequested.Reset();
        return requested;
    }

    /// <summary>Records the outcomes (in row order) and adds the counters, inside the caller's transaction.</summary>
    public BatchCounts Record(IReadOnlyList<RowOutcome> outcomes, DateTime committedAt)
    {
        if (outcomes.Count > 0 && AlreadyCommitted(outcomes[0].RowNumber) is { } row)
        {
            throw new InvalidOperationException($"Row {row} was already committed; the batch is rolled back.");
        }

        int inserted = 0, updated = 0, failed = 0;
        foreach (var outcome in outcomes)
        {
            _result.Bind(1, _importId);
            _result.Bind(2, (int)(outcome.Success ? RowStatus.Success : RowStatus.Failed));
            _result.Bind(3, outcome.RowNumber);
            _result.Bind(4, outcome.RecordId);
            _result.Bind(5, outcome.InvoiceId);
            _result.Bind(6, outcome.Error);
            _result.Bind(7, outcome.Column);
            _result.Execute();

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

        _result.Flush();
        _counters.Bind(1, outcomes.Count);
        _counters.Bind(2, inserted);
        _counters.Bind(3, updated);
        _counters.Bind(4, failed);
        _counters.Bind(5, _importId);
        _counters.Execute();

        if (inserted + updated > 0)
        {
            _usage.Bind(1, _importId);
            // As EF Core stores a DateTime, so the ledger's date filters compare like with like.
            _usage.Bind(2, committedAt);
            _usage.Bind(3, inserted + updated);
            _usage.Execute();
        }

        return new BatchCounts(outcomes.Count, inserted, updated, failed);
    }

    /// <summary>The first row at or after <paramref name="rowNumber"/> that already has a result, if any.</summary>
    private int? AlreadyCommitted(int rowNumber)
    {
        _committedFrom.Bind(1, _importId);
        _committedFrom.Bind(2, (int)RowStatus.Success);
        _committedFrom.Bind(3, (int)RowStatus.Failed);
        _committedFrom.Bind(4, rowNumber);
        int? found = _committedFrom.Read() ? _committedFrom.GetInt32(0) : null;
        _committedFrom.Reset();
        return found;
    }

    public void Dispose()
    {
        _result.Dispose();
        _committedFrom.Dispose();
        _counters.Dispose();
        _usage.Dispose();
        _cancelRequested.Dispose();
    }
}

/// <summary>What one committed batch added to the import's counters.</summary>
public readonly record struct BatchCounts(int Processed, int Inserted, int Updated, int Failed);
