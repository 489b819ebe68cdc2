using System.Data.Common;
using BulkImport.Core.Clients;
using BulkImport.Core.Data;
using BulkImport.Core.Imports;

namespace BulkImport.Core.Domains.Payments;

/// <summary>
/// Records Payment rows with prepared statements in the caller's batch transaction: each lowers its invoice's balance
/// (to 0: the invoice becomes Paid) and adds the payment. The balance is checked again in the same statement that
/// lowers it, in whole cents, so whatever paid the invoice since validation (another import, committed first) makes
/// the row Failed with the reason instead of taking the balance below zero.
/// </summary>
public sealed class PaymentCommitter(CommitSettings settings) : IDomainCommitter
{
    private PreparedStatement? _lower;
    private PreparedStatement? _insert;
    private PreparedStatement? _diagnose;
    private readonly byte[] _date = new byte[10];

    public Task<IReadOnlyList<RowOutcome>> CommitBatchAsync(DbConnection connection, DbTransaction transaction, CommitBatch batch, CancellationToken ct)
    {
        var rows = batch.Rows;
        // The arithmetic is done in whole cents (the engine says how its money column gives and takes them).
        var engine = DatabaseEngine.Of(connection);
        var balance = engine.CentsOf("\"Balance\"");
        _lower ??= engine.Prepare(connection,
            $"UPDATE \"Invoices\" SET \"Balance\" = {engine.MoneyOfCents($"{balance} - ?1")}, " +
            $"\"Status\" = CASE WHEN {balance} = ?1 THEN '{Invoice.PaidStatus}' ELSE \"Status\" END " +
            $"WHERE \"InvoiceId\" = ?2 AND \"Status\" <> '{Invoice.PaidStatus}' AND {balance} >= ?1");
        _insert ??= engine.PrepareInsert(connection, "Payments",
            ["InvoiceId", "Amount", "PaymentDate", "Method", "Reference", "CreatedByImportId", "CreatedByRow", "LastImportId", "LastImportRow"], "PaymentId");

        var outcomes = new RowOutcome[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var invoiceId = ParseWhole(row.Utf8(1));
            var cents = ParseCents(row.Utf8(3));
            _lower.Bind(1, cents);
            _lower.Bind(2, invoiceId);
            if (_lower.Execute() != 1)
            {
                var (why, column) = WhyNotPaid(connection, invoiceId, cents);
                outcomes[r] = RowOutcome.FailedWith(row.RowNumber, RowAction.Insert, why, column);
                continue;
            }

            _insert.Bind(1, invoiceId);
            _insert.BindUtf8(2, row.Utf8(3));
            _insert.BindUtf8(3, IsoDate(row.Utf8(2)));
            _insert.BindUtf8(4, row.Utf8(4));
            if (row.IsBlank(5))
            {
                _insert.Bind(5, (string?)null);
            }
            else
            {
                _insert.BindUtf8(5, row.Utf8(5));
            }

            _insert.Bind(6, settings.ImportId);
            _insert.Bind(7, row.RowNumber);
            _insert.Bind(8, settings.ImportId);
            _insert.Bind(9, row.RowNumber);
            outcomes[r] = RowOutcome.Succeeded(row.RowNumber, RowAction.Insert, _insert.ExecuteInsert());
        }

        return Task.FromResult<IReadOnlyList<RowOutcome>>(outcomes);
    }

    /// <summary>Only runs for the rare payment that no longer fits, to say why, and which column it is about.</summary>
    private (string Why, string Column) WhyNotPaid(DbConnection connection, long invoiceId, long cents)
    {
        var engine = DatabaseEngine.Of(connection);
        _diagnose ??= engine.Prepare(connection,
            $"SELECT {engine.CentsOf("\"Balance\"")}, CASE WHEN \"Status\" = '{Invoice.PaidStatus}' THEN 1 ELSE 0 END FROM \"Invoices\" WHERE \"InvoiceId\" = ?1");
        _diagnose.Bind(1, invoiceId);
        if (!_diagnose.Read())
        {
            return ($"Invoice {invoiceId} no longer exists; it was removed after the file was validated. The payment was not recorded.", PaymentColumns.InvoiceId);
        }

        var (balance, paid) = (_diagnose.GetInt64(0), _diagnose.GetInt64(1) != 0);
        _diagnose.Reset();
        var amount = PaymentAmount.Format(cents);
        var why = paid || balance <= 0
            ? $"Invoice {invoiceId} was paid in full after the file was validated. The payment of {amount} was not recorded."
            : $"Invoice {invoiceId} now has an open balance of {PaymentAmount.Format(balance)}, less than this payment of {amount}: it was paid in part " +
              $"after the file was validated. The payment was not recorded; import it again with at most {PaymentAmount.Format(balance)}.";
        return (why, PaymentColumns.Amount);
    }

    /// <summary>A canonical MM/DD/YYYY as the database stores dates, YYYY-MM-DD.</summary>
    private ReadOnlySpan<byte> IsoDate(ReadOnlySpan<byte> canonical)
    {
        canonical.Slice(6, 4).CopyTo(_date);
        _date[4] = (byte)'-';
        canonical[..2].CopyTo(_date.AsSpan(5));
        _date[7] = (byte)'-';
        canonical.Slice(3, 2).CopyTo(_date.AsSpan(8));
        return _date;
    }

    private static long ParseWhole(ReadOnlySpan<byte> digits)
    {
        long value = 0;
        foreach (var b in digits)
        {
            value = (value * 10) + (b - '0');
        }

        return value;
    }

    /// <summary>The cents of a canonical amount ("1200.50": digits, a point, two digits).</summary>
    private static long ParseCents(ReadOnlySpan<byte> canonical)
    {
        long value = 0;
        foreach (var b in canonical)
        {
            if (b != '.')
            {
                value = (value * 10) + (b - '0');
            }
        }

        return value;
    }

    public void Dispose()
    {
        _lower?.Dispose();
        _insert?.Dispose();
        _diagnose?.Dispose();
    }
}
