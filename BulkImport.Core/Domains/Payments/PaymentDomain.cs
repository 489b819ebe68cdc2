using System.Globalization;
using BulkImport.Core.Clients;
using BulkImport.Core.Data;
using BulkImport.Core.Domains.Common;
using BulkImport.Core.Imports;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Core.Domains.Payments;

/// <summary>
/// The Payment domain plug-in (SPEC section 13): payments of open invoices, Add only, behind the feature switch
/// <c>Features:PaymentImport</c> (on unless switched off).
/// </summary>
public sealed class PaymentDomain : IImportDomain
{
    /// <summary>The key stored on Payment imports and sent by the API.</summary>
    public static readonly Domain Key = new("Payment");

    public Domain Domain => Key;

    public string DisplayName => "Payment";

    public string Description => "Record payments of open invoices: each row pays one invoice of a client and lowers its balance.";

    public IReadOnlyList<Operation> Operations { get; } = [Operation.Add];

    public string OperationHelp(Operation operation) =>
        "Adds payments. Every row needs Client ID, Invoice ID, Payment Date, Amount and Payment Method; Check and ACH payments need a Reference Number. " +
        "The rows of one invoice may together pay its open balance, not more.";

    public string OperationNotOffered(Operation operation) =>
        $"Payments can only be added: {operation.DisplayName()} is not offered for Payment imports. Upload the file with the operation Add.";

    public IReadOnlyList<string> Columns => PaymentColumns.All;

    public IReadOnlyList<string> RequiredColumns(Operation operation) =>
        [PaymentColumns.ClientId, PaymentColumns.InvoiceId, PaymentColumns.PaymentDate, PaymentColumns.Amount, PaymentColumns.PaymentMethod];

    public IReadOnlyList<string> KeyColumns { get; } = [PaymentColumns.InvoiceId];

    /// <summary>Several rows may pay one invoice; their running total is checked against its balance instead.</summary>
    public bool KeyIsUnique => false;

    public string DescribeKey(string rowKey) => $"Invoice {rowKey}";

    public IReadOnlyList<SelectListField> SelectListFields { get; } = [new(PaymentColumns.PaymentMethod, "Payments", nameof(Payment.Method))];

    public IReadOnlyList<string> SelectListColumns { get; } = [PaymentColumns.PaymentMethod];

    public FeatureSwitch? Switch { get; } = new("PaymentImport", "Payment imports", "Offers the Payment domain in New Import and the API.", OnByDefault: true);

    public string PrefilledTemplateDescription =>
        "The open invoices of a course, one row each, with Client ID, Invoice ID and the open balance as Amount. Fill in Payment Date, Payment Method and, for Check and ACH, Reference Number.";

    public async Task<IRowValidator> CreateValidatorAsync(BulkImportDbContext db, ValidationSettings settings, IReadOnlyCollection<string?[]>? onlyRows, CancellationToken ct)
    {
        var selectLists = await SelectLists.LoadAsync(db, ct);
        var invoices = await InvoiceBook.LoadAsync(db, onlyRows, ct);
        return new PaymentRowValidator(settings, selectLists, invoices);
    }

    public IDomainCommitter CreateCommitter(CommitSettings settings) => new PaymentCommitter(settings);

    public async IAsyncEnumerable<string?[]> TemplateRowsAsync(BulkImportDbContext db, int courseId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var open = (from i in db.Invoices.AsNoTracking()
                    join a in db.ClientAssignments.AsNoTracking() on i.AssignmentId equals a.AssignmentId
                    where a.CourseId == courseId && i.Status != Invoice.PaidStatus
                    orderby a.ClientId, i.InvoiceId
                    select new { a.ClientId, i.InvoiceId, i.Balance }).AsAsyncEnumerable();
        await foreach (var invoice in open.WithCancellation(ct))
        {
            if (invoice.Balance > 0)
            {
                yield return
                [
                    invoice.ClientId.ToString(CultureInfo.InvariantCulture),
                    invoice.InvoiceId.ToString(CultureInfo.InvariantCulture),
                    null,
                    PaymentAmount.Format(PaymentAmount.ToCents(invoice.Balance)),
                    null,
                    null,
                ];
            }
        }
    }
}
