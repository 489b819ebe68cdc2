using System.Net;
using BulkImport.Core.Data;
using BulkImport.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Api;

/// <summary>Templates, course search and usage answer only a signed-in user (SPEC section 12).</summary>
public sealed class ReferenceEndpointsSignInApiTests : IAsyncLifetime
{
    private readonly TestApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/api/templates/Client.csv")]
    [InlineData("/api/templates/ClientAssignment.csv?courseCode=CNA-101")]
    [InlineData("/api/courses?code=CN")]
    [InlineData("/api/usage")]
    public async Task Without_sign_in_the_answer_is_401(string url)
    {
        var response = await _app.CreateClient().GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(Core.Security.Roles.Supervisor)]
    [InlineData(Core.Security.Roles.Support)]
    [InlineData(Core.Security.Roles.Admin)]
    public async Task Every_signed_in_role_may_read_them(string role)
    {
        var api = await _app.ApiAsync(role);

        (await api.Http.GetAsync("/api/templates/Client.csv")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.Http.GetAsync("/api/courses?code=CN")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.Http.GetAsync("/api/usage")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(Core.Security.Roles.Supervisor, HttpStatusCode.Forbidden)]
    [InlineData(Core.Security.Roles.Support, HttpStatusCode.Forbidden)]
    [InlineData(Core.Security.Roles.Importer, HttpStatusCode.OK)]
    [InlineData(Core.Security.Roles.Admin, HttpStatusCode.OK)]
    public async Task Pre_filled_templates_hold_personal_data_and_go_only_to_importers_and_admins(string role, HttpStatusCode expected)
    {
        var api = await _app.ApiAsync(role);

        (await api.Http.GetAsync("/api/templates/Client.csv?courseCode=CNA-101")).StatusCode.Should().Be(expected);
    }

    [Fact]
    public async Task A_pre_filled_template_download_is_recorded()
    {
        var api = await _app.ApiAsync(Core.Security.Roles.Importer);
        (await api.Http.GetAsync("/api/templates/Client.csv?courseCode=CNA-101")).EnsureSuccessStatusCode();

        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<BulkImportDbContext>>().CreateDbContextAsync();
        var entry = await db.AuditEntries.SingleAsync();
        entry.User.Should().Be("importer@bulkimport.local");
        entry.Action.Should().Be("export");
        entry.Detail.Should().Contain("CNA-101");
    }
}
