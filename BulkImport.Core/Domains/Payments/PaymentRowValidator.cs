using System.Globalization;
using BulkImport.Core.Domains.Common;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains.Payments;

/// <summary>
/// The rules of a Payment row (SPEC section 13): the invoice exists, belongs to the client and is not Paid; Amount,
/// Payment Date (not after today), Payment Method (select list) and Reference Number (required for Check and ACH); and
/// the running total of the file's valid rows for one invoice, in row order, may reach its open balance but not pass it.
/// A row's key is its Invoice ID: rows paying one invoice are validated together, in row order, by one validator.
/// </summary>
public sealed class PaymentRowValidator : CellRuleValidator, IRowValidator
{
    /// <summary>Rows named in a message, at most.</summary>
    private const int RowsNamed = 10;

    private readonly InvoiceBook _invoices;
    private readonly bool _hasReferenceColumn;
    private readonly bool _commaMayBeDecimalMark;
    private readonly int _clientId;
    private readonly int _invoiceId;
    private readonly int _paymentDate;
    private readonly int _amount;
    private readonly int _method;
    private readonly int _reference;

    public PaymentRowValidator(ValidationSettings settings, SelectLists selectLists, InvoiceBook invoices)
        : base(PaymentColumns.All)
    {
        _invoices = invoices;
        _hasReferenceColumn = settings.PresentColumns.Contains(PaymentColumns.ReferenceNumber);
        _commaMayBeDecimalMark = settings.CommaMayBeDecimalMark;
        _clientId = IndexOf(PaymentColumns.ClientId);
        _invoiceId = IndexOf(PaymentColumns.InvoiceId);
        _paymentDate = IndexOf(PaymentColumns.PaymentDate);
        _amount = IndexOf(PaymentColumns.Amount);
        _method = IndexOf(PaymentColumns.PaymentMethod);
        _reference = IndexOf(PaymentColumns.ReferenceNumber);

        Cell(PaymentColumns.ClientId, v => FieldFormats.WholeNumberId(v, PaymentColumns.ClientId));
        Cell(PaymentColumns.InvoiceId, v => FieldFormats.WholeNumberId(v, PaymentColumns.InvoiceId));
        Cell(PaymentColumns.PaymentDate, v => PaymentDate(v, settings.Today));
        Cell(PaymentColumns.Amount, v => PaymentAmount.Check(v, _commaMayBeDecimalMark));
        Cell(PaymentColumns.PaymentMethod, selectLists.For(PaymentColumns.PaymentMethod).Match);
        Cell(PaymentColumns.ReferenceNumber, v => FieldFormats.Text(v, PaymentColumns.ReferenceNumber, PaymentColumns.ReferenceMaxLength));
    }

    public RowValidation Validate(string?[] values) => Validate(0, values);

    public RowValidation Validate(int rowNumber, string?[] values)
    {
        var messages = CheckCells(values);
        Require(values, _clientId, PaymentColumns.ClientId, messages);
        Require(values, _invoiceId, PaymentColumns.InvoiceId, messages);
        Require(values, _paymentDate, PaymentColumns.PaymentDate, messages);
        Require(values, _amount, PaymentColumns.Amount, messages);
        Require(values, _method, PaymentColumns.PaymentMethod, messages);
        RequireReference(values, messages);

        if (!TryId(values, _invoiceId, PaymentColumns.InvoiceId, messages, out var invoiceId))
        {
            return RowValidation.From(RowAction.Insert, messages, null);
        }

        var rowKey = invoiceId.ToString(CultureInfo.InvariantCulture);
        if (!_invoices.TryGet(invoiceId, out var invoice))
        {
            messages.Add(new RowMessage(PaymentColumns.InvoiceId, $"Invoice {invoiceId} does not exist. Correct the Invoice ID (the client's page lists their invoices).", "not-found"));
            return RowValidation.From(RowAction.Insert, messages, rowKey);
        }

        if (TryId(values, _clientId, PaymentColumns.ClientId, messages, out var clientId) && clientId != invoice.ClientId)
        {
            messages.Add(new RowMessage(PaymentColumns.InvoiceId,
                $"Invoice {invoiceId} belongs to client {invoice.ClientId}, not {clientId}. Correct the Client ID or the Invoice ID.", "wrong-client"));
        }

        if (invoice.Paid)
        {
            messages.Add(new RowMessage(PaymentColumns.InvoiceId, $"Invoice {invoiceId} is Paid: it has no open balance left to pay. Skip the row, or correct the Invoice ID.", "paid"));
        }
        else if (!messages.Exists(m => !m.IsWarning)
            && PaymentAmount.TryParseCents(values[_amount]!, _commaMayBeDecimalMark, out var cents, out _))
        {
            var left = invoice.OpenCents - invoice.PaidInFileCents;
            if (cents > left)
            {
                messages.Add(new RowMessage(PaymentColumns.Amount, OverBalance(invoiceId, invoice, cents, left), "over-balance"));
            }
            else
            {
                _invoices.Pay(invoiceId, cents, rowNumber);
            }
        }

        return RowValidation.From(RowAction.Insert, messages, rowKey);
    }

    /// <summary>Names the balance and the file's other rows that already pay it, and how much this row may pay.</summary>
    private string OverBalance(int invoiceId, InvoiceBook.Entry invoice, long cents, long left)
    {
        var amount = PaymentAmount.Format(cents);
        var balance = PaymentAmount.Format(invoice.OpenCents);
        if (invoice.PaidInFileCents == 0)
        {
            return $"Amount {amount} is more than the open balance of invoice {invoiceId}: {balance}. Pay at most {balance}.";
        }

        var rows = _invoices.PayerRows(invoiceId, RowsNamed);
        rows.Reverse();
        var listed = (rows.Count == 1 ? "row " : "rows ") + string.Join(", ", rows) + (rows.Count == RowsNamed ? " and others" : "");
        var room = left > 0 ? $"Pay at most {PaymentAmount.Format(left)} here" : "Nothing is left to pay here";
        return $"Amount {amount} would take invoice {invoiceId} past its open balance of {balance}: {listed} of this file already " +
            $"{(rows.Count == 1 ? "pays" : "pay")} {PaymentAmount.Format(invoice.PaidInFileCents)} of it. {room}, or fix or skip the other rows.";
    }

    /// <summary>A payment date: the formats of Date of Birth (MM/DD/YYYY, M/D/YYYY, YYYY-MM-DD), not after today.</summary>
    private static FieldResult PaymentDate(string value, DateOnly today)
    {
        var result = FieldFormats.Date(value, PaymentColumns.PaymentDate);
        if (result.IsValid && DateOnly.ParseExact(result.Value!, "MM/dd/yyyy", CultureInfo.InvariantCulture) > today)
        {
            return FieldResult.Fail($"Payment Date {result.Value} is in the future; a payment is recorded once it is made (today is {today:MM/dd/yyyy}).");
        }

        return result;
    }

    private static void Require(string?[] values, int index, string column, List<RowMessage> messages)
    {
        if (Cells.IsBlank(values[index]) && !messages.Exists(m => m.Column == column))
        {
            messages.Add(new RowMessage(column, $"{column} is required to record a payment.", "required"));
        }
    }

    private void RequireReference(string?[] values, List<RowMessage> messages)
    {
        var method = values[_method];
        if (Cells.IsBlank(method) || !Cells.IsBlank(values[_reference])
            || !PaymentColumns.MethodsNeedingReference.Contains(method!, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        messages.Add(new RowMessage(PaymentColumns.ReferenceNumber, _hasReferenceColumn
            ? $"Reference Number is required for {method} payments (the check number or the transfer's trace number)."
            : $"Reference Number is required for {method} payments, but the file has no Reference Number column. Add the column with the check or trace numbers.",
            "required"));
    }

    /// <summary>The whole-number ID in a cell the cell rules accepted; false when it is blank or was refused.</summary>
    private static bool TryId(string?[] values, int index, string column, List<RowMessage> messages, out int id)
    {
        id = 0;
        return !messages.Exists(m => m.Column == column && !m.IsWarning)
            && int.TryParse(values[index], NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }
}
