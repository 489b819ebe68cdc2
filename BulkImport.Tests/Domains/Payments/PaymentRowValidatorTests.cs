using BulkImport.Core.Domains;
using BulkImport.Core.Domains.Payments;
using BulkImport.Core.Imports;
using BulkImport.Tests.Support;

namespace BulkImport.Tests.Domains.Payments;

/// <summary>
/// Every rule of a Payment row (SPEC section 13), each bad input with the message that names the value. Demo invoices:
/// 5003 (client 4, 850.00 open), 5009 (client 10, 4500.00 open), 5011 (client 15, 600.00 of 1200.00 open), 5030 (client 40, Paid).
/// </summary>
public sealed class PaymentRowValidatorTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 12, 5);
    private TestDatabase _database = null!;
    private IRowValidator _validator = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _validator = await NewValidatorAsync(PaymentColumns.All);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<IRowValidator> NewValidatorAsync(IReadOnlyList<string> presentColumns, char? delimiter = null)
    {
        await using var db = _database.CreateDbContext();
        return await new PaymentDomain().CreateValidatorAsync(db, new ValidationSettings(Operation.Add, presentColumns, Today, Delimiter: delimiter), onlyRows: null, default);
    }

    private static string?[] Row(string? client = "4", string? invoice = "5003", string? date = "12/01/2026", string? amount = "100.00", string? method = "Cash", string? reference = null) =>
        [client, invoice, date, amount, method, reference];

    private RowValidation Validate(string?[] values, int rowNumber = 2) => _validator.Validate(rowNumber, values);

    private static string Only(RowValidation result)
    {
        result.Status.Should().Be(RowStatus.Error);
        return result.Messages.Should().ContainSingle(m => !m.IsWarning).Which.Message;
    }

    [Fact]
    public void A_payment_of_an_open_invoice_of_its_client_is_an_insert_keyed_by_invoice()
    {
        var result = Validate(Row());

        (result.Status, result.Action, result.RowKey).Should().Be((RowStatus.Valid, RowAction.Insert, "5003"));
    }

    [Fact]
    public void An_invoice_that_does_not_exist_is_named() =>
        Only(Validate(Row(invoice: "9999"))).Should().Be("Invoice 9999 does not exist. Correct the Invoice ID (the client's page lists their invoices).");

    [Fact]
    public void An_invoice_of_another_client_names_its_client() =>
        Only(Validate(Row(client: "7"))).Should().Be("Invoice 5003 belongs to client 4, not 7. Correct the Client ID or the Invoice ID.");

    [Fact]
    public void A_paid_invoice_is_an_error() =>
        Only(Validate(Row(client: "40", invoice: "5030"))).Should().Be("Invoice 5030 is Paid: it has no open balance left to pay. Skip the row, or correct the Invoice ID.");

    [Fact]
    public void An_amount_over_the_balance_names_the_balance() =>
        Only(Validate(Row(client: "15", invoice: "5011", amount: "600.01"))).Should().Be("Amount 600.01 is more than the open balance of invoice 5011: 600.00. Pay at most 600.00.");

    [Fact]
    public void Rows_of_one_invoice_may_reach_the_balance_and_the_row_passing_it_names_the_others()
    {
        Validate(Row(amount: "500"), 2).Status.Should().Be(RowStatus.Valid);
        Validate(Row(amount: "300"), 3).Status.Should().Be(RowStatus.Valid);
        Validate(Row(amount: "50"), 5).Status.Should().Be(RowStatus.Valid, "500 + 300 + 50 reaches the balance of 850.00 and pays it in full");

        Only(Validate(Row(amount: "0.01"), 6)).Should().Be(
            "Amount 0.01 would take invoice 5003 past its open balance of 850.00: rows 2, 3, 5 of this file already pay 850.00 of it. " +
            "Nothing is left to pay here, or fix or skip the other rows.");
    }

    [Fact]
    public void Error_rows_do_not_count_towards_the_balance()
    {
        Validate(Row(amount: "850", date: "13/01/2026"), 2).Status.Should().Be(RowStatus.Error);

        Validate(Row(amount: "850"), 3).Status.Should().Be(RowStatus.Valid);
    }

    [Theory]
    [InlineData("1,200.50", "1200.50")]
    [InlineData("$1200.50", "1200.50")]
    [InlineData("$ 12.5", "12.50")]
    [InlineData("100", "100.00")]
    [InlineData("0.99", "0.99")]
    public void Accepted_amounts_are_stored_with_two_decimals(string typed, string stored)
    {
        var values = Row(client: "10", invoice: "5009", amount: typed);

        Validate(values).Status.Should().Be(RowStatus.Valid);
        values[3].Should().Be(stored);
    }

    [Theory]
    [InlineData("0", "Amount '0' is 0: a payment must be greater than 0. Skip the row if nothing was paid.")]
    [InlineData("-25.00", "Amount '-25.00' is negative: a payment is a positive amount. Enter what was paid, like 1200.50.")]
    [InlineData("12.345", "Amount '12.345' has 3 decimals; a payment has at most two (cents), like 1200.50.")]
    [InlineData("12,00", "Amount '12,00' has a decimal comma: a comma is read only as a thousands separator (1,200.50), and decimal commas are not accepted. Write it with a decimal point: 12.00.")]
    [InlineData("ten", "Amount must be a number greater than 0 with at most two decimals, like 1200.50; 'ten' is not.")]
    [InlineData("1e3", "Amount must be a number greater than 0 with at most two decimals, like 1200.50; '1e3' is not.")]
    [InlineData("123456789012", "Amount '123456789012' is more than the largest amount an invoice holds, 99999999.99.")]
    public void Bad_amounts_are_named(string amount, string message) =>
        Only(Validate(Row(amount: amount))).Should().Be(message);

    [Theory]
    [InlineData(',', RowStatus.Valid)]
    [InlineData('\t', RowStatus.Valid)]
    [InlineData(';', RowStatus.Error)]
    public async Task One_comma_in_an_amount_is_refused_only_in_a_file_separated_by_semicolons(char delimiter, RowStatus status)
    {
        var validator = await NewValidatorAsync(PaymentColumns.All, delimiter);
        var values = Row(client: "10", invoice: "5009", amount: "1,500");

        var result = validator.Validate(2, values);

        result.Status.Should().Be(status);
        if (status == RowStatus.Error)
        {
            result.Messages.Should().ContainSingle().Which.Should().Match<RowMessage>(m => m.Column == "Amount" && m.Message.Contains("is ambiguous"));
        }
        else
        {
            values[3].Should().Be("1500.00");
        }
    }

    [Fact]
    public void A_payment_date_in_the_future_is_an_error() =>
        Only(Validate(Row(date: "12/06/2026"))).Should().Be("Payment Date 12/06/2026 is in the future; a payment is recorded once it is made (today is 12/05/2026).");

    [Fact]
    public void A_payment_date_takes_the_date_of_birth_formats()
    {
        var values = Row(date: "2026-03-02");

        Validate(values).Status.Should().Be(RowStatus.Valid);
        values[2].Should().Be("03/02/2026");
        Only(Validate(Row(date: "3/2/26"))).Should().Contain("Payment Date");
    }

    [Fact]
    public void A_payment_method_not_in_the_list_is_named_with_a_suggestion() =>
        Only(Validate(Row(method: "Credit Crad"))).Should().Be("'Credit Crad' is not a valid Payment Method. Did you mean 'Credit Card'?");

    [Theory]
    [InlineData("Check")]
    [InlineData("ACH")]
    public void Check_and_ach_need_a_reference_number(string method) =>
        Only(Validate(Row(method: method))).Should().Be($"Reference Number is required for {method} payments (the check number or the transfer's trace number).");

    [Fact]
    public async Task Without_a_reference_column_a_check_says_to_add_it()
    {
        var validator = await NewValidatorAsync(["Client ID", "Invoice ID", "Payment Date", "Amount", "Payment Method"]);

        Only(validator.Validate(2, Row(method: "Check"))).Should().Contain("the file has no Reference Number column");
    }

    [Fact]
    public void A_reference_number_longer_than_50_is_an_error() =>
        Only(Validate(Row(method: "Check", reference: new string('7', 51)))).Should().Contain("Reference Number");

    [Theory]
    [InlineData(0, "Client ID")]
    [InlineData(1, "Invoice ID")]
    [InlineData(2, "Payment Date")]
    [InlineData(3, "Amount")]
    [InlineData(4, "Payment Method")]
    public void Every_column_but_the_reference_is_required(int blank, string column)
    {
        var values = Row();
        values[blank] = "";

        Validate(values).Messages.Should().Contain(m => m.Column == column && m.Message == $"{column} is required to record a payment.");
    }

    [Fact]
    public void An_invoice_id_that_is_not_a_whole_number_is_named() =>
        Validate(Row(invoice: "INV-5003")).Messages.Should().Contain(m => m.Column == "Invoice ID" && m.Message.Contains("Invoice ID"));
}
