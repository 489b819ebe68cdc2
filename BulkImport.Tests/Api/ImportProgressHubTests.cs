using System.Collections.Concurrent;
using BulkImport.App.Hubs;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Api;

/// <summary>/hubs/imports streams the commit snapshots to non-browser clients that join an import's group.</summary>
public sealed class ImportProgressHubTests
{
    private static HubConnection Connect(TestApp app, ApiClient api) => new HubConnectionBuilder()
        .WithUrl(new Uri(app.Server.BaseAddress, ImportProgressHub.Path), o =>
        {
            o.Transports = HttpTransportType.LongPolling;
            o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            o.AccessTokenProvider = () => Task.FromResult(api.Http.DefaultRequestHeaders.Authorization?.Parameter);
        })
        .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
        .Build();

    [Fact]
    public async Task A_supervisor_joining_an_import_receives_progress_until_it_is_committed()
    {
        using var app = new TestApp(new() { ["Import:CommitBatchSize"] = "100" });
        var importer = await app.ApiAsync(Roles.Importer);
        var supervisor = await app.ApiAsync(Roles.Supervisor);
        var import = await importer.ImportAsync(CsvFiles.NewClients(1000, "Hub"), operation: "Add");

        await using var connection = Connect(app, supervisor);
        var received = new ConcurrentQueue<ImportProgress>();
        var committed = new TaskCompletionSource<ImportProgress>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<ImportProgress>(ImportProgressHub.ProgressMessage, p =>
        {
            received.Enqueue(p);
            if (p.Status == ImportStatus.Committed)
            {
                committed.TrySetResult(p);
            }
        });
        await connection.StartAsync();
        var latest = await connection.InvokeAsync<ImportProgress>(nameof(ImportProgressHub.JoinImport), import.Id);
        latest.ImportId.Should().Be(import.Id);

        await importer.CommitAndWaitAsync(import.Id);
        var final = await committed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        final.ProcessedRows.Should().Be(1000);
        final.Inserted.Should().Be(1000);
        final.Percent.Should().Be(100);
        received.Should().Contain(p => p.Status == ImportStatus.Committing);
    }

    [Fact]
    public async Task An_importer_cannot_join_another_users_import()
    {
        using var app = new TestApp();
        var admin = await app.ApiAsync(Roles.Admin);
        var importer = await app.ApiAsync(Roles.Importer);
        var import = await admin.ImportAsync(CsvFiles.NewClients(2, "Other"), operation: "Add");

        await using var connection = Connect(app, importer);
        await connection.StartAsync();
        var join = () => connection.InvokeAsync<ImportProgress>(nameof(ImportProgressHub.JoinImport), import.Id);
        (await join.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain($"Import {import.Id} does not exist");
    }

    [Fact]
    public async Task An_anonymous_client_cannot_connect()
    {
        using var app = new TestApp();
        _ = app.Services.GetRequiredService<ImportProgressFeed>();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, ImportProgressHub.Path), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            })
            .Build();
        await connection.Invoking(c => c.StartAsync()).Should().ThrowAsync<HttpRequestException>();
    }
}
