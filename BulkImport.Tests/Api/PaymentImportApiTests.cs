using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BulkImport.App.Api;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Api;

/// <summary>
/// A full Payment import through the HTTP API (SPEC section 13): Add only, the balance lowered in the commit's batch,
/// rows of one invoice revalidated together, the balance checked again at commit, the pre-filled template, replay.
/// Demo invoices: 5003 (client 4, 850.00 open), 5004 (client 6, 1200.00), 5030 (client 40, Paid).
/// </summary>
public class PaymentImportApiTests : IAsyncLifetime
{
    private const string Header = "Client ID,Invoice ID,Payment Date,Amount,Payment Method,Reference Number";
    private readonly TestEngine _engine;
    private readonly TestApp _app;

    public PaymentImportApiTests()
        : this(TestEngine.Sqlite)
    {
    }

    /// <summary>The same tests on another engine (<c>Api/PostgreSql</c>).</summary>
    protected PaymentImportApiTests(TestEngine engine)
    {
        _engine = engine;
        _app = new TestApp(engine: engine);
    }

    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = await _app.ApiAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Yesterday => DateTime.Now.AddDays(-1).ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);

    private async Task<(decimal Balance, string Status)> InvoiceAsync(int invoiceId)
    {
        await using var db = _app.CreateDbContext();
        var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.InvoiceId == invoiceId);
        return (invoice.Balance, invoice.Status);
    }

    [Fact]
    public async Task Add_records_each_payment_lowers_the_balance_and_pays_the_invoice_at_zero()
    {
        var import = await _api.ImportAsync($"{Header}\n4,5003,{Yesterday},\"$350.00\",Check,10045\n4,5003,{Yesterday},500,Cash,\n", domain: "Payment", operation: "Add");
        import.Domain.Name.Should().Be("Payment");
        (import.ValidRows, import.InsertRows, import.ErrorRows).Should().Be((2, 2, 0));
        (await _api.RowAsync(import.Id, 2)).Values["Amount"].Should().Be("350.00");

        var done = await _api.CommitAndWaitAsync(import.Id);

        (done.Status, done.Inserted, done.Failed).Should().Be((ImportStatus.Committed, 2, 0));
        (await InvoiceAsync(5003)).Should().Be((0m, "Paid"));
        var invoice = (await _api.ClientAsync(4)).GetProperty("assignments").EnumerateArray()
            .SelectMany(a => a.GetProperty("invoices").EnumerateArray()).Single(i => i.GetProperty("invoiceId").GetInt32() == 5003);
        invoice.GetProperty("balance").GetDecimal().Should().Be(0m);
        invoice.GetProperty("status").GetString().Should().Be("Paid");
        var payments = invoice.GetProperty("payments").EnumerateArray().ToList();
        payments.Select(p => p.GetProperty("amount").GetDecimal()).Should().Equal(350m, 500m);
        payments[0].GetProperty("method").GetString().Should().Be("Check");
        payments[0].GetProperty("reference").GetString().Should().Be("10045");
        payments[0].GetProperty("paymentDate").GetString().Should().Be(Yesterday);
        payments.Should().OnlyContain(p => p.GetProperty("importId").GetInt32() == import.Id);

        var results = (await _api.ResultsAsync(import.Id)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        results[0].Should().Be("Row Number,Status,Action,Created/Updated ID,Error Messages");
        results[1].Should().Be($"2,Success,Insert,{payments[0].GetProperty("paymentId").GetInt32()},");
        results[2].Should().Be($"3,Success,Insert,{payments[1].GetProperty("paymentId").GetInt32()},");
    }

    [Theory]
    [InlineData("Update")]
    [InlineData("AddUpdate")]
    public async Task Update_and_add_update_are_refused_at_upload(string operation)
    {
        var response = await _api.PostImportAsync(Encoding.UTF8.GetBytes($"{Header}\n4,5003,{Yesterday},10,Cash,\n"), "Payment", operation);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should().StartWith("Payments can only be added");
    }

    [Fact]
    public async Task Editing_a_row_revalidates_the_rows_paying_the_same_invoice()
    {
        var import = await _api.ImportAsync($"{Header}\n4,5003,{Yesterday},500,Cash,\n4,5003,{Yesterday},500,Cash,\n6,5004,{Yesterday},100,Cash,\n", domain: "Payment", operation: "Add");
        (import.ValidRows, import.ErrorRows).Should().Be((2, 1));
        (await _api.RowAsync(import.Id, 3)).Messages.Single().Message.Should().Be(
            "Amount 500.00 would take invoice 5003 past its open balance of 850.00: row 2 of this file already pays 500.00 of it. Pay at most 350.00 here, or fix or skip the other rows.");

        var edited = await _api.EditRowAsync(import.Id, 2, new() { ["Amount"] = "350" });

        edited.Status.Should().Be(RowStatus.Valid);
        (edited.Counts.ValidRows, edited.Counts.ErrorRows).Should().Be((3, 0));
        (await _api.RowAsync(import.Id, 3)).Status.Should().Be(RowStatus.Valid);

        var raised = await _api.EditRowAsync(import.Id, 2, new() { ["Amount"] = "351" });
        (raised.Counts.ValidRows, raised.Counts.ErrorRows).Should().Be((2, 1));
        (await _api.RowAsync(import.Id, 3)).Messages.Single().Message.Should().Contain("Pay at most 499.00 here");
    }

    [Fact]
    public async Task In_a_file_separated_by_semicolons_an_amount_with_one_comma_is_refused_as_ambiguous_also_when_revalidated()
    {
        var import = await _api.ImportAsync(
            $"{Header.Replace(',', ';')}\n6;5004;{Yesterday};1,500;Cash;\n6;5004;{Yesterday};10,00;Cash;\n6;5004;{Yesterday};1,100.50;Cash;\n",
            domain: "Payment", operation: "Add");

        (import.ValidRows, import.ErrorRows).Should().Be((1, 2));
        (await _api.RowAsync(import.Id, 2)).Messages.Should().ContainSingle().Which.Should().Be(new RowMessageDto("Amount",
            "Amount '1,500' is ambiguous: in a file separated by semicolons the comma may be a decimal mark, so it may mean 1.50 or 1500.00. " +
            "Write the amount with a decimal point and no comma: 1500.00 or 1.50."));
        (await _api.RowAsync(import.Id, 3)).Messages.Single().Message.Should().EndWith("decimal commas are not accepted. Write it with a decimal point: 10.00.");
        (await _api.RowAsync(import.Id, 4)).Values["Amount"].Should().Be("1100.50");

        // Row 4 pays the same invoice: its edit revalidates row 2, which the file's separator still makes ambiguous.
        await _api.EditRowAsync(import.Id, 4, new() { ["Amount"] = "100" });

        var row2 = await _api.RowAsync(import.Id, 2);
        row2.Status.Should().Be(RowStatus.Error);
        row2.Messages.Single().Message.Should().Contain("is ambiguous");
        (await _api.EditRowAsync(import.Id, 2, new() { ["Amount"] = "1.50" })).Status.Should().Be(RowStatus.Valid);
    }

    [Fact]
    public async Task Two_imports_paying_one_invoice_committed_at_once_never_take_it_below_zero()
    {
        var first = await _api.ImportAsync($"{Header}\n4,5003,{Yesterday},500,Cash,\n", domain: "Payment", operation: "Add");
        var second = await _api.ImportAsync($"{Header}\n4,5003,{Yesterday},600,Cash,\n", domain: "Payment", operation: "Add");
        (first.ValidRows, second.ValidRows).Should().Be((1, 1), "each fits the balance of 850.00 on its own");

        var commits = await Task.WhenAll(
            _api.Http.PostAsync($"/api/imports/{first.Id}/commit", null),
            _api.Http.PostAsync($"/api/imports/{second.Id}/commit", null));
        commits.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Accepted);
        var done = new[]
        {
            await _api.WaitForAsync(first.Id, s => s.Status.IsFinal()),
            await _api.WaitForAsync(second.Id, s => s.Status.IsFinal()),
        };

        done.Should().OnlyContain(s => s.Status == ImportStatus.Committed);
        done.Sum(s => s.Inserted).Should().Be(1);
        done.Sum(s => s.Failed).Should().Be(1);
        var (balance, status) = await InvoiceAsync(5003);
        balance.Should().BeOneOf(350m, 250m);
        status.Should().Be("Open");
        var loser = done.Single(s => s.Failed == 1);
        var failedRow = await _api.RowAsync(loser.Id, 2);
        failedRow.Status.Should().Be(RowStatus.Failed);
        failedRow.Messages.Single().Column.Should().Be("Amount", "the grid marks the cell the failure is about");
        failedRow.Messages.Single().Message.Should().Be(
            $"Invoice 5003 now has an open balance of {balance.ToString("0.00", CultureInfo.InvariantCulture)}, less than this payment of {(loser.Id == first.Id ? "500.00" : "600.00")}: " +
            $"it was paid in part after the file was validated. The payment was not recorded; import it again with at most {balance.ToString("0.00", CultureInfo.InvariantCulture)}.");
        await using var db = _app.CreateDbContext();
        (await db.Payments.CountAsync(p => p.InvoiceId == 5003)).Should().Be(1);
    }

    [Fact]
    public async Task A_payment_that_no_longer_fits_at_commit_fails_on_its_amount()
    {
        var import = await _api.ImportAsync($"{Header}\n4,5003,{Yesterday},500,Cash,\n", domain: "Payment", operation: "Add");
        await using (var db = _app.CreateDbContext())
        {
            // Paid in part meanwhile, as another import or a person at the counter would.
            await db.Invoices.Where(i => i.InvoiceId == 5003).ExecuteUpdateAsync(u => u.SetProperty(i => i.Balance, 100m));
        }

        var done = await _api.CommitAndWaitAsync(import.Id);

        (done.Status, done.Failed).Should().Be((ImportStatus.Committed, 1));
        var row = await _api.RowAsync(import.Id, 2);
        row.Status.Should().Be(RowStatus.Failed);
        row.Messages.Should().ContainSingle().Which.Should().Be(new RowMessageDto("Amount",
            "Invoice 5003 now has an open balance of 100.00, less than this payment of 500.00: it was paid in part after the file was validated. " +
            "The payment was not recorded; import it again with at most 100.00."));
        (await _api.ResultsAsync(import.Id)).Should().Contain("2,Failed,Insert,,\"Invoice 5003 now has an open balance of 100.00", "the results file reads the failure as before");
    }

    [Fact]
    public async Task The_prefilled_template_lists_the_open_invoices_of_the_course_with_their_balance()
    {
        var response = await _api.Http.GetAsync("/api/templates/Payment.csv?courseCode=CNA-101");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Be(Header);
        lines.Should().Contain(["2,5002,,1200.00,,", "6,5004,,1200.00,,", "15,5011,,600.00,,"]);
        lines.Skip(1).Should().OnlyContain(l => l.Split(',')[3] != "0.00");
    }

    [Fact]
    public async Task The_blank_template_has_the_payment_columns()
    {
        var text = await _api.Http.GetStringAsync("/api/templates/Payment.csv");

        text.TrimStart('\uFEFF').Should().Be(Header + "\r\n");
    }

    [Fact]
    public async Task A_failed_payment_commit_is_replayed_without_paying_any_row_twice()
    {
        using var app = new TestApp(new() { ["Commit:FailAfterRows"] = "1", ["Import:CommitBatchSize"] = "1" }, engine: _engine);
        var importer = await app.ApiAsync(Roles.Importer);
        var support = await app.ApiAsync(Roles.Support);
        var import = await importer.ImportAsync($"{Header}\n6,5004,{Yesterday},100,Cash,\n6,5004,{Yesterday},100,Cash,\n6,5004,{Yesterday},100,Cash,\n", domain: "Payment", operation: "Add");

        var run = await importer.CommitAndWaitAsync(import.Id);
        while (run.Status == ImportStatus.CommitFailed)
        {
            (await support.Http.PostAsync($"/api/imports/{import.Id}/replay", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
            run = await support.WaitForAsync(import.Id, s => s.Status.IsFinal());
        }

        (run.Status, run.Inserted, run.Failed).Should().Be((ImportStatus.Committed, 3, 0));
        await using var db = app.CreateDbContext();
        (await db.Payments.CountAsync(p => p.InvoiceId == 5004)).Should().Be(3);
        (await db.Invoices.SingleAsync(i => i.InvoiceId == 5004)).Balance.Should().Be(900m);
    }

    [Fact]
    public async Task History_filters_payment_imports_by_domain()
    {
        var import = await _api.ImportAsync($"{Header}\n4,5003,{Yesterday},10,Cash,\n", domain: "Payment", operation: "Add");

        var page = await _api.Http.GetFromJsonAsync<JsonElement>("/api/imports?domain=payment");

        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("domain").GetString()).Should().Equal("Payment");
        page.GetProperty("items")[0].GetProperty("id").GetInt32().Should().Be(import.Id);
    }
}
