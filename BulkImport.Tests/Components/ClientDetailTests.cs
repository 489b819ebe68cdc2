using Bunit;
using BulkImport.App.Components.Pages.Clients;
using BulkImport.Core.Clients;
using BulkImport.Core.Data;
using BulkImport.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Components;

/// <summary>The client page shows each invoice's balance and its payments, linked to the import that recorded them (SPEC 13).</summary>
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
}
