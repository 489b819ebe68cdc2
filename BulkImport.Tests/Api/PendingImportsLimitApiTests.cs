using System.Net;
using System.Net.Http.Json;
using System.Text;
using BulkImport.App.Api;
using BulkImport.App.Hosting;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BulkImport.Tests.Api;

/// <summary>
/// At most <c>Import:MaxPendingPerUser</c> (default 5) imports per user are Validating or Queued (SPEC 22); one more is
/// 429 naming the limit. The reading worker is removed, so uploads stay Validating for as long as the test needs.
/// </summary>
public sealed class PendingImportsLimitApiTests : IAsyncLifetime
{
    private static readonly byte[] Csv = Encoding.UTF8.GetBytes("First Name,Last Name\nAnn,Lee\n");

    private readonly TestApp _app = new(services: s => s.Remove(s.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ValidationWorker))));
    private ApiClient _importer = null!;

    public async Task InitializeAsync() => _importer = await _app.ApiAsync(Roles.Importer);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string[] Uploads => Directory.GetFiles(Path.Combine(_app.DataFolder, "uploads"));

    [Fact]
    public async Task A_sixth_waiting_import_is_refused_with_429_naming_the_limit_and_nothing_is_kept_of_it()
    {
        var created = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var response = await _importer.PostImportAsync(Csv, "Client", "Add");
            response.StatusCode.Should().Be(HttpStatusCode.Created);
            created.Add((await response.Content.ReadFromJsonAsync<ImportSummary>(ApiClient.Json))!.Id);
        }

        var refused = await _importer.PostImportAsync(Csv, "Client", "Add");

        refused.StatusCode.Should().Be((HttpStatusCode)429);
        refused.Headers.GetValues("Retry-After").Should().Equal("30");
        var problem = await ApiClient.ProblemAsync(refused);
        problem.GetProperty("type").GetString().Should().Be("https://tools.ietf.org/html/rfc6585#section-4");
        problem.GetProperty("detail").GetString().Should().Be(
            "You already have 5 imports being read or waiting to be committed, the most one user may have (Import:MaxPendingPerUser = 5). "
            + "Upload this file again once one of them is ready for review or committing, or cancel one.");
        Uploads.Should().HaveCount(5, "the refused upload is not kept");

        (await _importer.Http.PostAsync($"/api/imports/{created[0]}/cancel", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await _importer.PostImportAsync(Csv, "Client", "Add")).StatusCode.Should().Be(HttpStatusCode.Created, "a cancelled import frees its place");
    }

    [Fact]
    public async Task The_limit_is_per_user_and_holds_for_uploads_sent_at_once()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => _importer.PostImportAsync(Csv, "Client", "Add")));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(5);
        responses.Count(r => r.StatusCode == (HttpStatusCode)429).Should().Be(7);
        var admin = await _app.ApiAsync(Roles.Admin);
        (await admin.PostImportAsync(Csv, "Client", "Add")).StatusCode.Should().Be(HttpStatusCode.Created, "another user's imports do not count");
    }
}
