using System.Data.Common;
using BulkImport.Core.Data;
using BulkImport.Core.Domains.ClientAssignments;

namespace BulkImport.Core.Imports.Undo;

/// <summary>
/// Undoes Client Assignment rows: an assignment the import inserted is deleted with the invoice it created; one it
/// updated gets back the cells the row changed. Kept: an assignment another import changed since, and one whose invoice
/// has a payment recorded (a kept invoice keeps its assignment).
/// </summary>
internal sealed class AssignmentUndo : IRecordUndo
{
    // The assignment is this row's, unchanged since, and nothing is paid on it or invoiced to it by anyone else.
    private const string Undoable =
        """EXISTS (SELECT 1 FROM "ClientAssignments" WHERE "AssignmentId" = ?1 AND "CreatedByImportId" = ?2 AND "CreatedByRow" = ?3 AND "LastImportId" = ?2 AND "LastImportRow" = ?3) """ +
        """AND NOT EXISTS (SELECT 1 FROM "Payments" p JOIN "Invoices" i ON i."InvoiceId" = p."InvoiceId" WHERE i."AssignmentId" = ?1) """ +
        """AND NOT EXISTS (SELECT 1 FROM "Invoices" WHERE "AssignmentId" = ?1 AND ("CreatedByImportId" IS NULL OR "CreatedByImportId" <> ?2))""";

    private readonly int _importId;
    private readonly PreparedStatement _deleteInvoices;
    private readonly PreparedStatement _delete;
    private readonly PreparedStatement _payment;
    private readonly RecordRestore _restore;
    private readonly LineageCheck _lineage;
    private readonly DbConnection _connection;
    private readonly DatabaseEngine _engine;

    public AssignmentUndo(DbConnection connection, int importId)
    {
        _importId = importId;
        var engine = DatabaseEngine.Of(connection);
        (_connection, _engine) = (connection, engine);
        _deleteInvoices = engine.Prepare(connection, $"""DELETE FROM "Invoices" WHERE "AssignmentId" = ?1 AND {Undoable}""");
        _delete = engine.Prepare(connection, $"""DELETE FROM "ClientAssignments" WHERE "AssignmentId" = ?1 AND {Undoable}""");
        _payment = engine.Prepare(connection,
            """SELECT i."InvoiceId", p."PaymentId", p."CreatedByImportId" FROM "Payments" p JOIN "Invoices" i ON i."InvoiceId" = p."InvoiceId" """ +
            """WHERE i."AssignmentId" = ?1 ORDER BY p."PaymentId" LIMIT 1""");
        _restore = new RecordRestore(connection, importId, "ClientAssignments", "AssignmentId", [.. ClientAssignmentColumns.Stored.Select(s => s.Property)], keepWhen: null);
        _lineage = new LineageCheck(connection, importId, "ClientAssignments", "AssignmentId", "Assignment");
    }

    /// <summary>The assignments (another import's invoice keeps one) and their invoices (a payment keeps one).</summary>
    public void Lock(IReadOnlyList<UndoRow> batch)
    {
        var ids = batch.Select(r => r.RecordId).OfType<long>().ToList();
        _engine.LockRows(_connection, "ClientAssignments", "AssignmentId", ids);
        _engine.LockRows(_connection, "Invoices", "InvoiceId", batch.Select(r => r.InvoiceId).OfType<long>());
    }

    public UndoOutcome Undo(UndoRow row)
    {
        if (row.Image is { } image)
        {
            return _restore.Restore(row, image) ? UndoOutcome.Undone(row) : UndoOutcome.Kept(row, WhyKept(row));
        }

        // Invoices first (they point at the assignment), under the same conditions, so both go or neither does.
        foreach (var statement in new[] { _deleteInvoices, _delete })
        {
            statement.Bind(1, row.RecordId);
            statement.Bind(2, _importId);
            statement.Bind(3, row.RowNumber);
        }

        _deleteInvoices.Execute();
        return _delete.Execute() == 1 ? UndoOutcome.Undone(row) : UndoOutcome.Kept(row, WhyKept(row));
    }

    private string WhyKept(UndoRow row)
    {
        if (_lineage.WhyChanged(row) is { } changed)
        {
            return changed;
        }

        _payment.Bind(1, row.RecordId);
        if (_payment.Read())
        {
            var (invoice, payment) = (_payment.GetInt64(0), _payment.GetInt64(1));
            var by = _payment.IsNull(2) ? "outside imports" : $"by import {_payment.GetInt64(2)}";
            _payment.Reset();
            return $"Invoice {invoice} of assignment {row.RecordId} has payment {payment}, recorded {by} after this import; the invoice and its assignment are kept.";
        }

        return $"Assignment {row.RecordId} has an invoice that this import did not create; it is kept.";
    }

    public void Dispose()
    {
        _deleteInvoices.Dispose();
        _delete.Dispose();
        _payment.Dispose();
        _restore.Dispose();
        _lineage.Dispose();
    }
}
