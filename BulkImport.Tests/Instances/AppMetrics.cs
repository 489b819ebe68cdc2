using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BulkImport.Core.Telemetry;

namespace BulkImport.Tests.Instances;

/// <summary>
/// What one app records on its <see cref="ImportTelemetry"/> meter, as an OpenTelemetry exporter would receive it: a
/// <see cref="MeterListener"/> on that app's meter only (its <see cref="IMeterFactory"/> is the meter's scope), so
/// other tests' apps running in the same process do not add to the figures.
/// </summary>
public sealed class AppMetrics : IDisposable
{
    private readonly MeterListener _listener = new();

    public AppMetrics(IMeterFactory appMeters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ImportTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, appMeters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public ConcurrentQueue<Measured> Measurements { get; } = new();

    /// <summary>The sum of an instrument's measurements whose tags include <paramref name="tag"/> (all when null).</summary>
    public double Sum(string instrument, (string Key, string Value)? tag = null) => Of(instrument, tag).Sum(m => m.Value);

    public IReadOnlyList<Measured> Of(string instrument, (string Key, string Value)? tag = null) =>
        [.. Measurements.Where(m => m.Instrument == instrument && (tag is not { } t || m.Tag(t.Key) == t.Value))];

    /// <summary>Reads the observable gauges now, as an exporter does at each collection; returns their values by name.</summary>
    public Dictionary<string, double> Observe()
    {
        var before = Measurements.Count;
        _listener.RecordObservableInstruments();
        return Measurements.Skip(before).ToDictionary(m => m.Instrument, m => m.Value);
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        Measurements.Enqueue(new Measured(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => Convert.ToString(t.Value, System.Globalization.CultureInfo.InvariantCulture))));

    public sealed record Measured(string Instrument, double Value, Dictionary<string, string?> Tags)
    {
        public string? Tag(string key) => Tags.GetValueOrDefault(key);
    }
}
