using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BulkImport.Core.Telemetry;

/// <summary>
/// The names under which the app reports traces and metrics (SPEC 22). They cost nothing until an exporter listens
/// (OpenTelemetry over OTLP, when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), so code anywhere may record into them.
/// </summary>
public static class ImportTelemetry
{
    public const string Name = "BulkImport";

    public static readonly ActivitySource Activities = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Rows read and validated into staging, per domain (a rate per second is the backend's sum over time).</summary>
    public static readonly Counter<long> RowsValidated = Meter.CreateCounter<long>("bulkimport.rows.validated", "{row}", "Rows read and validated into staging");

    /// <summary>Rows a commit has processed (inserted, updated or failed), per domain.</summary>
    public static readonly Counter<long> RowsCommitted = Meter.CreateCounter<long>("bulkimport.rows.committed", "{row}", "Rows processed by commits");

    /// <summary>How long a stage of an import ran on one instance, from its first snapshot to its end.</summary>
    public static readonly Histogram<double> JobDuration = Meter.CreateHistogram<double>("bulkimport.job.duration", "s", "Duration of validation and commit jobs");

    /// <summary>Work taken over from an instance whose lease lapsed (counted by WorkLeases when a claim finds a lapsed lease).</summary>
    public static readonly Counter<long> LeaseTakeovers = Meter.CreateCounter<long>("bulkimport.lease.takeovers", "{job}", "Jobs taken over after a lapsed lease");

    /// <summary>The hook for the lease code: one job of <paramref name="kind"/> (validation, commit, undo, …) taken over.</summary>
    public static void LeaseTakenOver(string kind) => LeaseTakeovers.Add(1, new KeyValuePair<string, object?>("kind", kind));
}
