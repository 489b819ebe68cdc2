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
