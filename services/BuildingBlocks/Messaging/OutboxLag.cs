using System.Diagnostics.Metrics;
using Fenghuo.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fenghuo.BuildingBlocks.Messaging;

/// <summary>
/// Age of the oldest unsent outbox row, as a metric and a health signal: a growing lag means
/// events are being held back (broker down, relay stuck) even though requests still succeed.
/// </summary>
public sealed class OutboxLag : IHealthCheck, IDisposable
{
    private static readonly TimeSpan DegradedAfter = TimeSpan.FromMinutes(1);

    private readonly Meter meter = new(Telemetry.SourceName);
    private readonly Counter<long> published;
    private long lagTicks;

    public OutboxLag()
    {
        meter.CreateObservableGauge("fenghuo.outbox.lag", () => Current.TotalSeconds, unit: "s",
            description: "Age of the oldest outbox event not yet confirmed by the broker");
        published = meter.CreateCounter<long>("fenghuo.outbox.published", description: "Events the broker confirmed");
    }

    public TimeSpan Current => TimeSpan.FromTicks(Interlocked.Read(ref lagTicks));

    internal void Set(TimeSpan value) => Interlocked.Exchange(ref lagTicks, value.Ticks);

    internal void CountPublished(string eventType) => published.Add(1, new KeyValuePair<string, object?>("event", eventType));

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Current > DegradedAfter
            ? HealthCheckResult.Degraded($"oldest unsent event is {Current.TotalSeconds:F0}s old")
            : HealthCheckResult.Healthy($"lag {Current.TotalMilliseconds:F0} ms"));

    public void Dispose() => meter.Dispose();
}
