using System.Collections.Concurrent;
using BulkImport.App.Hubs;
using BulkImport.Core.Imports;
using BulkImport.Core.Imports.Commit;
using BulkImport.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace BulkImport.Tests.Instances;

/// <summary>A supervisor's SignalR client on one instance's <c>/hubs/imports</c>, watching one import.</summary>
public sealed class InstanceViewer : IAsyncDisposable
{
    private readonly HubConnection _connection;

    private InstanceViewer(HubConnection connection) => _connection = connection;

    public ConcurrentQueue<ImportProgress> Received { get; } = new();

    public TaskCompletionSource<ImportProgress> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether a snapshot of the commit under way (some rows done, not all) arrived.</summary>
    public bool SawCommitting(int total) => Received.Any(p => p.Status == ImportStatus.Committing && p.ProcessedRows > 0 && p.ProcessedRows < total);

    /// <summary>Waits for the Committed snapshot; on timeout says what this viewer received last.</summary>
    public async Task<ImportProgress> CommittedAsync(string where, int timeoutSeconds)
    {
        try
        {
            return await Committed.Task.WaitAsync(TimeSpan.FromSeconds(timeoutSeconds));
        }
        catch (TimeoutException)
        {
            var last = Received.LastOrDefault();
            throw new TimeoutException($"The viewer on {where} did not see the commit end within {timeoutSeconds} s: {Received.Count} snapshots, " +
                $"the last {last?.Status} at {last?.ProcessedRows} rows.");
        }
    }

    public static async Task<InstanceViewer> JoinAsync(AppProcess instance, ApiClient signedIn, int importId)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(instance.BaseUrl), ImportProgressHub.Path), o =>
                o.AccessTokenProvider = () => Task.FromResult(signedIn.Http.DefaultRequestHeaders.Authorization?.Parameter))
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
            .Build();
        var viewer = new InstanceViewer(connection);
        connection.On<ImportProgress>(ImportProgressHub.ProgressMessage, p =>
        {
            if (p.ImportId != importId)
            {
                return;
            }

            viewer.Received.Enqueue(p);
            if (p.Status == ImportStatus.Committed)
            {
                viewer.Committed.TrySetResult(p);
            }
        });
        await connection.StartAsync();
        await connection.InvokeAsync<ImportProgress>(nameof(ImportProgressHub.JoinImport), importId);
        return viewer;
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
