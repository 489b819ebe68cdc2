using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BulkImport.Core.Telemetry;

/// <summary>
/// The names under which the app reports traces and metrics (SPEC 22). They cost nothing until an exporter listens
/// (OpenTelemetry over OTLP, when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), so code anywhere may record into them.
/// The meter is the app's, made by its <see cref="IMeterFactory"/> rather than a static one: two apps in one process
/// (the tests' instances) each count their own work, and an app's gauges end with it instead of keeping its job pool
/// alive on a process-wide meter.
/// </summary>
public sealed class ImportTelemetry
{
    public const string Name = "BulkImport";

    /// <summary>Spans are per process: a listener tells apps apart by the import's tags, and a span holds nothing of the app.</summary>
    public static readonly ActivitySource Activities = new(Name);

    public ImportTelemetry(IMeterFactory meters)
    {
        Meter = meters.Create(Name);
        RowsValidated = Meter.CreateCounter<long>("bulkimport.rows.validated", "{row}", "Rows read and validated into staging");
        RowsCommitted = Meter.CreateCounter<long>("bulkimport.rows.committed", "{row}", "Rows processed by commits");
        JobDuration = Meter.CreateHistogram<double>("bulkimport.job.duration", "s", "Duration of validation and commit jobs");
        LeaseTakeovers = Meter.CreateCounter<long>("bulkimport.lease.takeovers", "{job}", "Jobs taken over after a lapsed lease");
    }

    public Meter Meter { get; }

    /// <summary>Rows read and validated into staging (a rate per second is the backend's sum over time).</summary>
    public Counter<long> RowsValidated { get; }

    /// <summary>Rows a commit has processed (inserted, updated or failed).</summary>
    public Counter<long> RowsCommitted { get; }

    /// <summary>How long a stage of an import ran on one instance, from its first snapshot to its end.</summary>
    public Histogram<double> JobDuration { get; }

    /// <summary>Work taken over from an instance whose lease lapsed (counted by WorkLeases when a claim finds a lapsed lease).</summary>
    public Counter<long> LeaseTakeovers { get; }

    /// <summary>The hook for the lease code: one job of <paramref name="kind"/> (validation, commit, undo, …) taken over.</summary>
    public void LeaseTakenOver(string kind) => LeaseTakeovers.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
