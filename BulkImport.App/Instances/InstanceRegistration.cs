using BulkImport.App.Hubs;
using BulkImport.Core.Jobs;
using BulkImport.Core.Telemetry;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BulkImport.App.Instances;

/// <summary>
/// What running several instances needs (SPEC 22): progress and the progress hub over Redis when
/// <c>ConnectionStrings:Redis</c> is set, one data-protection application name checked at start-up, OpenTelemetry over
/// OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and JSON console logs outside Development. Without those settings
/// the app is the single instance it always was.
/// </summary>
public static class InstanceRegistration
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddBulkImportInstances(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<RedisConnection>();
        services.AddHostedService<RedisProgressBridge>();
        // The progress hub only: Blazor's circuits stay on their instance (the proxy's sticky sessions), so their hub
        // keeps the default manager. Registered for the closed type, which wins over SignalR's open registration.
        services.AddOptions<RedisOptions>().Configure<RedisConnection>((o, redis) => o.ConnectionFactory = _ => redis.GetAsync());
        services.AddSingleton<HubLifetimeManager<ImportProgressHub>, ResilientHubLifetimeManager<ImportProgressHub>>();

        // Read when the options are first asked for: tests and deployments add their settings after this runs.
        services.AddOptions<DataProtectionOptions>().Configure<IConfiguration>((o, configuration) =>
        {
            if (configuration[KeyRingCheck.ApplicationNameSetting] is { Length: > 0 } name)
            {
                o.ApplicationDiscriminator = name;
            }
        });
        services.AddHostedService<KeyRingCheck>();

        services.AddHostedService<ProgressMetrics>();
        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]))
        {
            // The exporter reads the endpoint, protocol and headers from the standard OTEL_* variables itself.
            services.AddOpenTelemetry()
                .ConfigureResource(r => r.AddService(ImportTelemetry.Name, serviceInstanceId: $"{Environment.MachineName}-{Environment.ProcessId}"))
                .WithTracing(t => t.AddSource(ImportTelemetry.Name).AddAspNetCoreInstrumentation().AddOtlpExporter())
                .WithMetrics(m => m.AddMeter(ImportTelemetry.Name).AddAspNetCoreInstrumentation().AddOtlpExporter());
        }

        services.AddHostedService<QueueLengthGauge>();
        if (!builder.Environment.IsDevelopment())
        {
            // One JSON object a line, which log collectors read without a pattern per message.
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }

        return builder;
    }
}

/// <summary>The queue length metric: jobs waiting for a worker and running, on this instance.</summary>
public sealed class QueueLengthGauge : IHostedService
{
    public QueueLengthGauge(JobPool pool, ImportTelemetry telemetry)
    {
        telemetry.Meter.CreateObservableGauge("bulkimport.jobs.waiting", () => pool.Waiting.Count, "{job}", "Jobs waiting for a worker on this instance");
        telemetry.Meter.CreateObservableGauge("bulkimport.jobs.running", () => pool.Running.Count, "{job}", "Jobs running on this instance");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
