using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BulkImport.App.Hubs;
using BulkImport.Core.Imports.Commit;
using BulkImport.Core.Security;
using BulkImport.Tests.Support;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Security;

/// <summary>An open progress-hub connection ends when an administrator disables its user, checked every Security:RevalidationInterval.</summary>
public sealed class HubRevocationTests : IAsyncLifetime
{
    private readonly TestApp _app = new(new() { ["Security:RevalidationInterval"] = "00:00:00" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A WebSocket connection, as a real client keeps it open: one request for its whole life.</summary>
    private HubConnection Connect(ApiClient api) => new HubConnectionBuilder()
        .WithUrl(new Uri(_app.Server.BaseAddress, ImportProgressHub.Path), o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
            o.WebSocketFactory = async (context, ct) =>
            {
                var client = _app.Server.CreateWebSocketClient();
                client.ConfigureRequest = request => request.Headers.Authorization = api.Http.DefaultRequestHeaders.Authorization!.ToString();
                return await client.ConnectAsync(context.Uri, ct);
            };
        })
        .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
        .Build();

    [Fact]
    public async Task A_disabled_users_open_connection_is_closed_and_others_stay_open()
    {
        var importer = await _app.ApiAsync(Roles.Importer);
        var supervisor = await _app.ApiAsync(Roles.Supervisor);
        var import = await importer.ImportAsync(CsvFiles.NewClients(2, "Hub"), operation: "Add");
        await using var disabled = Connect(importer);
        await using var staying = Connect(supervisor);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        disabled.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await disabled.StartAsync();
        await staying.StartAsync();
        (await disabled.InvokeAsync<ImportProgress>(nameof(ImportProgressHub.JoinImport), import.Id)).ImportId.Should().Be(import.Id);

        var admin = await _app.ApiAsync(Roles.Admin);
        var users = await admin.Http.GetFromJsonAsync<JsonElement>("/api/admin/users");
        var (email, _) = TestApp.DemoUser(Roles.Importer);
        var id = users.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("email").GetString() == email).GetProperty("id").GetString();
        (await admin.Http.PutAsJsonAsync($"/api/admin/users/{id}", new { disabled = true })).StatusCode.Should().Be(HttpStatusCode.OK);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        disabled.State.Should().Be(HubConnectionState.Disconnected);
        staying.State.Should().Be(HubConnectionState.Connected);
        (await staying.InvokeAsync<ImportProgress>(nameof(ImportProgressHub.JoinImport), import.Id)).ImportId.Should().Be(import.Id,
            "the supervisor's connection outlived the check that closed the disabled importer's");
    }
}
