using Bunit;
using BulkImport.App.Components.Pages.Clients;
using BulkImport.Core.Clients;
using BulkImport.Core.Data;
using BulkImport.Core.Security;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Components;

/// <summary>
/// The client page shows each invoice's balance and its payments (SPEC 13), and for every assignment, invoice and payment
/// the import and row that created it and that last changed it, linked to the import (SPEC 21).
/// </summary>
public sealed class ClientDetailTests(AppFixture fixture) : AppComponentTest(fixture)
{
    [Fact]
    public async Task Each_invoice_shows_its_balance_and_payments_with_their_import()
    {
        await using (var db = await AppServices.GetRequiredService<IDbContextFactory<BulkImportDbContext>>().CreateDbContextAsync())
        {
            db.Payments.Add(new Payment { InvoiceId = 5011, Amount = 600m, PaymentDate = new DateOnly(2026, 3, 9), Method = "Check", Reference = "10045", CreatedByImportId = 77, CreatedByRow = 2 });
            await db.SaveChangesAsync();
        }

        SignIn("support@bulkimport.local", Roles.Support);
        var page = Render<ClientDetail>(p => p.Add(x => x.Id, 15));

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=invoice-5011]").TextContent.Should().Contain("$1,200.00").And.Contain("balance $600.00"));
        var payment = page.FindAll("[data-testid^=payment-]").Single();
        payment.TextContent.Should().Contain("paid $600.00 on 03/09/2026").And.Contain("Check 10045").And.Contain("import #77");
        payment.QuerySelector("a")!.GetAttribute("href").Should().Be("/imports/77");
    }

    [Fact]
    public async Task Invoices_and_payments_show_the_import_and_row_that_created_and_last_changed_them_and_the_assignment_its_own()
    {
        // Client 4's assignment to section 1011 carries invoice 5003.
        await using (var db = await AppServices.GetRequiredService<IDbContextFactory<BulkImportDbContext>>().CreateDbContextAsync())
        {
            var invoice = await db.Invoices.SingleAsync(i => i.InvoiceId == 5003);
            (invoice.CreatedByImportId, invoice.CreatedByRow, invoice.LastImportId, invoice.LastImportRow) = (21, 3, 23, 5);
            var assignment = await db.ClientAssignments.SingleAsync(a => a.AssignmentId == invoice.AssignmentId);
            (assignment.CreatedByImportId, assignment.CreatedByRow, assignment.LastImportId, assignment.LastImportRow) = (20, 7, 20, 7);
            db.Payments.Add(new Payment { InvoiceId = 5003, Amount = 50m, PaymentDate = new DateOnly(2026, 4, 1), Method = "Cash", CreatedByImportId = 24, CreatedByRow = 6, LastImportId = 24, LastImportRow = 6 });
            await db.SaveChangesAsync();
        }

        SignIn("support@bulkimport.local", Roles.Support);
        var page = Render<ClientDetail>(p => p.Add(x => x.Id, 4));

        await page.WaitForAssertionAsync(() => page.Find("[data-testid=invoice-5003]"));
        var invoiceLineage = page.Find("[data-testid=invoice-5003] [data-testid=lineage]");
        invoiceLineage.TextContent.Trim().Should().Be("Created by import #21, row 3 · last changed by import #23, row 5");
        invoiceLineage.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).Should().Equal("/imports/21", "/imports/23");
        var paymentLineage = page.Find("[data-testid^=payment-] [data-testid=lineage]");
        paymentLineage.TextContent.Trim().Should().Be("Created by import #24, row 6");
        paymentLineage.QuerySelector("a")!.GetAttribute("href").Should().Be("/imports/24");

        var table = page.Find("[data-testid=client-assignments]");
        var headers = table.QuerySelectorAll("th").Select(h => h.TextContent).ToList();
        var row = page.Find("[data-testid=invoice-5003]").Closest("tr")!;
        row.Children[headers.IndexOf("Marketing Source")].TextContent.Should().NotContain("import", "the lineage has a column of its own");
        var lineage = row.Children[headers.IndexOf("Lineage")];
        lineage.TextContent.Trim().Should().Be("Created by import #20, row 7");
        lineage.QuerySelector("a")!.GetAttribute("href").Should().Be("/imports/20");
    }
}
