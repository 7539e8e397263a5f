using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fenghuo.Gateway.Health;

/// <summary>
/// The last probe of each service, reused for a short while: /health is anonymous, and without this
/// every request to it would fan out to six services.
/// </summary>
public sealed class HealthResultCache(TimeProvider time, TimeSpan freshFor)
{
    private readonly Dictionary<string, (Task<HealthCheckResult> Probe, DateTimeOffset StartedAt)> probes = [];
    private readonly Lock gate = new();

    public Task<HealthCheckResult> GetAsync(string service, Func<Task<HealthCheckResult>> probe)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (probes.TryGetValue(service, out var last) && now - last.StartedAt < freshFor)
            {
                return last.Probe;
            }
            var started = probe();
            probes[service] = (started, now);
            return started;
        }
    }
}
