using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.Core.Domains;
using BulkImport.Core.Imports;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Domains.Notes;

/// <summary>
/// The test of the plug-in shape (DESIGN section 6): a domain defined only here, registered with one line, runs from
/// upload to results through the API: template, upload, validation with the duplicate-key rule, masking, edit, commit,
/// results file and history.
/// </summary>
public sealed class TestOnlyDomainTests : IAsyncLifetime
{
    private readonly TestApp _app = new(services: services => services.AddImportDomain<NoteDomain>());
    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = await _app.ApiAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_domain_defined_only_in_the_tests_runs_from_upload_to_results()
    {
        (await _api.Http.GetStringAsync("/api/templates/note.csv")).TrimStart('\uFEFF').Should().Be("Note Key,Text,Secret Code\r\n");

        var import = await _api.ImportAsync(
            "Note Key,Text,Secret Code\n1,Hello,ABC123\n2,This text is far too long for a note,\n3,Third,\n3,Again,\n", domain: "Test Note", operation: "Add");

        import.Domain.Should().Be(NoteDomain.Key);
        (import.TotalRows, import.ValidRows, import.ErrorRows).Should().Be((4, 1, 3));
        var rows = (await _api.RowsAsync(import.Id)).Items;
        rows[0].Values["Secret Code"].Should().Be("***23", "the domain's sensitive column is masked by its own mask");
        rows[1].Messages.Single().Message.Should().Be("Text is 36 characters long; a note has at most 20.");
        rows[2].Messages.Single().Message.Should().Be("Note Key 3 also appears on row 5. Keep one row per key: fix or skip the others.");

        var fixedRow = await _api.EditRowAsync(import.Id, 3, new() { ["Text"] = "Short now" });
        fixedRow.Status.Should().Be(RowStatus.Valid);
        (await _api.EditRowAsync(import.Id, 5, new() { ["Note Key"] = "4" })).Counts.ValidRows.Should().Be(4);
        (await _api.RowAsync(import.Id, 4)).Status.Should().Be(RowStatus.Valid, "row 4's key is no longer repeated");

        var done = await _api.CommitAndWaitAsync(import.Id);

        (done.Status, done.Inserted, done.Failed).Should().Be((ImportStatus.Committed, 4, 0));
        var results = (await _api.ResultsAsync(import.Id)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        results.Skip(1).Should().Equal("2,Success,Insert,1,", "3,Success,Insert,2,", "4,Success,Insert,3,", "5,Success,Insert,4,");
        await using var db = _app.CreateDbContext();
        (await db.Database.SqlQueryRaw<string>($"SELECT Text AS Value FROM {NoteDomain.Table} ORDER BY Id").ToListAsync())
            .Should().Equal("Hello", "Short now", "Third", "Again");

        var history = await _api.Http.GetFromJsonAsync<JsonElement>("/api/imports?domain=Note");
        history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("domain").GetString()).Should().Equal("Note");
    }

    [Fact]
    public async Task The_operations_it_does_not_offer_are_refused_with_its_own_words()
    {
        var response = await _api.PostImportAsync("Note Key,Text\n1,A\n"u8.ToArray(), "Note", "Update");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should().Be("Test Note imports offer Add, not Update.");
    }
}
