using System.Text;
using Bunit;
using BulkImport.App.Components.Shared.Discrepancies;
using BulkImport.Core.Domains.Clients;
using BulkImport.Core.Imports;
using BulkImport.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Components;

/// <summary>
/// The upload area's list of the person's recent uploads with their status, and "Clear Completed Tasks" (issue 17,
/// seed 001): the finished ones leave the list, those still waiting for the person stay.
/// </summary>
public sealed class RecentUploadsTests(AppFixture fixture) : AppComponentTest(fixture)
{
    private const string User = "recent.uploads@bulkimport.local";

    private async Task<Import> ReadAsync(string csv, string name)
    {
        var files = AppServices.GetRequiredService<ImportFiles>();
        var stored = await files.StoreAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None);
        var created = await AppServices.GetRequiredService<ImportCommands>().CreateAsync(
            new NewImport(stored, "upload.csv", ClientDomain.Key, Operation.Add, false, name, User), CancellationToken.None);
        var history = AppServices.GetRequiredService<ImportHistory>();
        var status = ImportStatus.Validating;
        await Eventually.TrueAsync(() => (status = history.GetAsync(created.Id, CancellationToken.None).GetAwaiter().GetResult().Status) != ImportStatus.Validating,
            $"import {created.Id} is read");
        return await history.GetAsync(created.Id, CancellationToken.None);
    }

    [Fact]
    public async Task Clear_completed_tasks_takes_the_finished_uploads_off_the_list_and_keeps_those_in_review()
    {
        var failed = await ReadAsync("First Name,Last Name\n", "Empty batch");
        var waiting = await ReadAsync("First Name,Last Name\nAnn,Smith\n", "Waiting batch");
        failed.Status.IsFinal().Should().BeTrue();
        waiting.Status.Should().Be(ImportStatus.ReadyForReview);

        var list = Render<RecentUploads>(p => p.Add(x => x.User, User));
        list.FindAll("[data-testid=recent-upload]").Select(e => e.TextContent).Should()
            .Contain(t => t.Contains("Empty batch")).And.Contain(t => t.Contains("Waiting batch"));

        list.Find("[data-testid=clear-completed]").Click();

        var shown = list.FindAll("[data-testid=recent-upload]").Select(e => e.TextContent).ToList();
        shown.Should().ContainSingle().Which.Should().Contain("Waiting batch").And.Contain("Ready for Review");
        list.Find("[data-testid=clear-completed]").HasAttribute("disabled").Should().BeTrue("nothing finished is left to clear");
    }
}
