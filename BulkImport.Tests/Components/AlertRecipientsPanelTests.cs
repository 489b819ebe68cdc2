using Bunit;
using BulkImport.App.Components.Admin;
using BulkImport.Core.Alerts;
using BulkImport.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Components;

/// <summary>The Integration Alerts tab of the Administration page (SPEC 18).</summary>
public sealed class AlertRecipientsPanelTests(AppFixture fixture) : AppComponentTest(fixture)
{
    private AlertRecipients Recipients => AppServices.GetRequiredService<AlertRecipients>();

    [Fact]
    public async Task An_administrator_adds_a_recipient_for_one_domain_and_a_bad_address_changes_nothing()
    {
        await Recipients.ReplaceAsync([], CancellationToken.None);
        SignIn("admin@bulkimport.local", Roles.Admin);
        var cut = Render<AlertRecipientsPanel>();
        cut.Find("thead").TextContent.Should().Contain("E-mail").And.Contain("Client Assignment");

        cut.Find("[data-testid=add-alert-recipient]").Click();
        cut.Find("input[data-testid=alert-recipient-email]").Input("ops@example.org");
        cut.FindAll("[data-testid=alert-recipients] tbody tr")[0].QuerySelectorAll("input[type=checkbox]")[1].Change(true);
        cut.Find("[data-testid=save-alert-recipients]").Click();

        var saved = await SavedAsync(list => list.Count == 1);
        saved.Single().Email.Should().Be("ops@example.org");
        saved.Single().Domains.Should().Equal("ClientAssignment");

        cut.Find("[data-testid=add-alert-recipient]").Click();
        cut.FindAll("input[data-testid=alert-recipient-email]")[1].Input("not an address");
        cut.Find("[data-testid=save-alert-recipients]").Click();
        (await Recipients.ListAsync(CancellationToken.None)).Should().HaveCount(1, "a list with an address that is not one is refused whole");
    }

    /// <summary>An outbox holding fewer messages than the table shows is shown whole ("The latest 20 of 5 messages" said otherwise).</summary>
    [Fact]
    public async Task An_outbox_of_fewer_messages_than_a_page_says_all_of_them_are_shown()
    {
        var outbox = AppServices.GetRequiredService<OutboxQueries>();
        var importId = await BulkImport.Tests.Support.StagedImports.AddAsync(AppServices, "importer@bulkimport.local", BulkImport.Core.Imports.ImportStatus.Committed);
        await using (var db = await AppServices.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<BulkImport.Core.Data.BulkImportDbContext>>().CreateDbContextAsync())
        {
            var existing = (await outbox.ListAsync(null, BulkImport.Core.Imports.PageRequest.Of(1, 1), CancellationToken.None)).TotalCount;
            for (var i = existing; i < 5; i++)
            {
                db.Set<OutboxMessage>().Add(new OutboxMessage
                {
                    ImportId = importId, Ending = i + 1, EndingStatus = "Committed", To = "ops@example.org", Subject = "a.csv: imported successfully", Body = "",
                    MessageId = $"outbox-caption-{i}@bulkimport.local", Status = OutboxStatus.Sent, CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow, SentAt = DateTime.UtcNow,
                });
            }

            await db.SaveChangesAsync();
        }

        var total = (await outbox.ListAsync(null, BulkImport.Core.Imports.PageRequest.Of(1, 1), CancellationToken.None)).TotalCount;
        total.Should().BeInRange(5, 20, "the test needs fewer messages than the table's page");
        SignIn("admin@bulkimport.local", Roles.Admin);

        var cut = Render<AlertRecipientsPanel>();

        await cut.WaitForAssertionAsync(() => cut.Find("[data-testid=alert-outbox-caption]").TextContent.Should().StartWith($"All {total} messages."));
        cut.FindAll("[data-testid=alert-outbox] tbody tr").Should().HaveCount(total);
    }

    private async Task<IReadOnlyList<AlertRecipientEntry>> SavedAsync(Func<IReadOnlyList<AlertRecipientEntry>, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var list = await Recipients.ListAsync(CancellationToken.None);
            if (condition(list) || DateTime.UtcNow > deadline)
            {
                return list;
            }

            await Task.Delay(20);
        }
    }
}
