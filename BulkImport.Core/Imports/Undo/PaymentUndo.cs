using System.Data.Common;
using BulkImport.Core.Clients;
using BulkImport.Core.Data;

namespace BulkImport.Core.Imports.Undo;

/// <summary>
/// Reverses Payment rows: the payment is deleted and its amount goes back onto its invoice's balance (in whole cents,
/// as the payment committer takes it off), which is Open again. Another payment on the same invoice since does not
/// stop it: a balance is the fee less the payments that remain, whatever their order.
/// </summary>
internal sealed class PaymentUndo : IRecordUndo
{
    private readonly int _importId;
    private readonly PreparedStatement _delete;
    private readonly PreparedStatement _credit;

    public PaymentUndo(DbConnection connection, int importId)
    {
        _importId = importId;
        // Money in whole cents, as the engine's money columns give and take them (see PaymentCommitter).
        var engine = DatabaseEngine.Of(connection);
        _delete = engine.Prepare(connection,
            """DELETE FROM "Payments" WHERE "PaymentId" = ?1 AND "CreatedByImportId" = ?2 AND "CreatedByRow" = ?3 """ +
            $"""RETURNING "InvoiceId", {engine.CentsOf("\"Amount\"")}""");
        _credit = engine.Prepare(connection,
            $"""UPDATE "Invoices" SET "Balance" = {engine.MoneyOfCents($"{engine.CentsOf("\"Balance\"")} + ?1")}, "Status" = '{Invoice.OpenStatus}' WHERE "InvoiceId" = ?2""");
    }

    public UndoOutcome Undo(UndoRow row)
    {
        _delete.Bind(1, row.RecordId);
        _delete.Bind(2, _importId);
        _delete.Bind(3, row.RowNumber);
        if (!_delete.Read())
        {
            return UndoOutcome.Kept(row, $"Payment {row.RecordId} no longer exists; there is nothing to reverse.");
        }

        var (invoice, cents) = (_delete.GetInt64(0), _delete.GetInt64(1));
        _delete.Reset();
        _credit.Bind(1, cents);
        _credit.Bind(2, invoice);
        _credit.Execute();
        return UndoOutcome.Undone(row);
    }

    public void Dispose()
    {
        _delete.Dispose();
        _credit.Dispose();
    }
}
