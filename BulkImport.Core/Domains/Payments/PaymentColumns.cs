namespace BulkImport.Core.Domains.Payments;

/// <summary>The Payment template (SPEC section 13): its columns in order.</summary>
public static class PaymentColumns
{
    public const string ClientId = "Client ID";
    public const string InvoiceId = "Invoice ID";
    public const string PaymentDate = "Payment Date";
    public const string Amount = "Amount";
    public const string PaymentMethod = "Payment Method";
    public const string ReferenceNumber = "Reference Number";

    /// <summary>Template columns in template order.</summary>
    public static readonly IReadOnlyList<string> All = [ClientId, InvoiceId, PaymentDate, Amount, PaymentMethod, ReferenceNumber];

    /// <summary>The longest Reference Number (a check number, an ACH trace number).</summary>
    public const int ReferenceMaxLength = 50;

    /// <summary>The payment methods whose payments need a Reference Number: a check's number, an ACH transfer's trace.</summary>
    public static readonly IReadOnlyList<string> MethodsNeedingReference = ["Check", "ACH"];
}
