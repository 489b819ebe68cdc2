using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace BulkImport.Tests.Security;

/// <summary>SSNs are masked in every API answer; Support and Admin can reveal one row (or one client), and each reveal is recorded.</summary>
public sealed class SensitiveDataApiTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private int _id;

    public async Task InitializeAsync() => _id = await StagedImports.AddAsync(_app.Services, TestApp.DemoUser(Roles.Importer).Email);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(Roles.Importer)]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Support)]
    [InlineData(Roles.Admin)]
    public async Task Rows_show_the_ssn_masked_to_every_group(string role)
    {
        var api = await _app.ApiAsync(role);

        var rows = await api.RowsAsync(_id);

        rows.Items.Select(r => r.Values["SSN"]).Should().Equal("***-**-6789", "***-**-7890", "***-**-3456");
        rows.Items.SelectMany(r => r.Messages).Should().OnlyContain(m => !m.Message.Contains("123456") && !m.Message.Contains("000-12"));
        (await api.Http.GetStringAsync($"/api/imports/{_id}/rows")).Should().NotContain("123456789").And.NotContain("234567890");
    }

    [Theory]
    [InlineData(Roles.Support)]
    [InlineData(Roles.Admin)]
    public async Task Support_and_admin_reveal_one_row_and_the_reveal_is_recorded(string role)
    {
        var api = await _app.ApiAsync(role);

        var row = await api.Http.GetFromJsonAsync<JsonElement>($"/api/imports/{_id}/rows/3?reveal=true");

        row.GetProperty("values").GetProperty("SSN").GetString().Should().Be("234567890");
        await using var db = _app.CreateDbContext();
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.Reveal);
        entry.User.Should().Be(TestApp.DemoUser(role).Email);
        entry.Detail.Should().Be($"Import {_id}, row 3, SSN");
        entry.Detail.Should().NotContain("234567890");
    }

    [Theory]
    [InlineData(Roles.Importer)]
    [InlineData(Roles.Supervisor)]
    public async Task Other_groups_cannot_reveal_and_nothing_is_recorded(string role)
    {
        var api = await _app.ApiAsync(role);

        var response = await api.Http.GetAsync($"/api/imports/{_id}/rows/3?reveal=true");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ApiClient.ProblemAsync(response)).GetProperty("detail").GetString().Should().StartWith("Only support staff or an administrator can reveal an SSN.");
        await using var db = _app.CreateDbContext();
        (await db.AuditEntries.CountAsync(e => e.Action == AuditActions.Reveal)).Should().Be(0);
    }

    [Fact]
    public async Task A_client_shows_the_ssn_masked_and_support_can_reveal_it_on_record()
    {
        var importer = await _app.ApiAsync(Roles.Importer);
        (await importer.ClientAsync(1)).GetProperty("values").GetProperty("SSN").GetString().Should().Be("***-**-4045");
        (await importer.Http.GetAsync("/api/clients/1?reveal=true")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await importer.Http.GetStringAsync("/api/clients?search=Lee")).Should().NotContain("486594045");

        var support = await _app.ApiAsync(Roles.Support);
        var revealed = await support.Http.GetFromJsonAsync<JsonElement>("/api/clients/1?reveal=true");
        revealed.GetProperty("values").GetProperty("SSN").GetString().Should().Be("486594045");

        await using var db = _app.CreateDbContext();
        (await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.Reveal)).Detail.Should().Be("Client 1, SSN");
    }
}
