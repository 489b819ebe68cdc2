using Bunit;
using BulkImport.App.Components.Pages.Imports;
using BulkImport.Core.Data;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Components;

/// <summary>View Results on screen (SPEC 18): the rows not imported, each with its status in the product's words.</summary>
public sealed class ImportReportPageTests(AppFixture fixture) : AppComponentTest(fixture)
{
    private const string Importer = "importer@bulkimport.local";

    [Fact]
    public async Task Rows_a_cancelled_commit_never_reached_read_Not_imported_with_why_and_error_rows_read_Error()
    {
        // Two valid rows (2, 3) the cancelled import never committed, and an error row (4).
        var id = await StagedImports.AddAsync(AppServices, Importer, ImportStatus.Cancelled);
        SignIn(Importer, Roles.Importer);

        var page = Render<ImportReportPage>(p => p.Add(x => x.Id, id));

        await page.WaitForAssertionAsync(() => page.FindAll("[data-testid=report-rows] tbody tr").Should().HaveCount(3));
        var cells = page.FindAll("[data-testid=report-rows] tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        cells.Select(c => (c[0], c[1])).Should().Equal(("2", "Not imported"), ("3", "Not imported"), ("4", "Error"));
        cells[0][2].Should().Be("The import was cancelled before this row was committed.");
        page.Find("[data-testid=report-not-imported]").TextContent.Should().Be("3");
        page.FindAll("[data-testid=report-undo]").Should().BeEmpty();
    }

    [Fact]
    public async Task An_undone_import_shows_the_outcome_of_its_commit_and_beside_it_what_the_undo_did()
    {
        var id = await StagedImports.AddAsync(AppServices, Importer, ImportStatus.Cancelled);
        await using (var db = await AppServices.GetRequiredService<IDbContextFactory<BulkImportDbContext>>().CreateDbContextAsync())
        {
            await db.Imports.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImportStatus.Undone)
                .SetProperty(i => i.UndoneBy, "support@bulkimport.local").SetProperty(i => i.UndoneRows, 0).SetProperty(i => i.KeptRows, 0));
        }

        SignIn(Importer, Roles.Importer);

        var page = Render<ImportReportPage>(p => p.Add(x => x.Id, id));

        await page.WaitForAssertionAsync(() => page.FindAll("[data-testid=report-rows] tbody tr").Should().HaveCount(3));
        page.Find("[data-testid=report-outcome]").TextContent.Trim().Should().Be("Cancelled; undone");
        page.Find("[data-testid=report-undo]").TextContent.Should().Contain("Undone by support@bulkimport.local: 0 records undone, 0 kept");
        page.Find("[data-testid=report-undo-results]").GetAttribute("href").Should().Be($"/api/imports/{id}/undo-results.csv");
    }
}
