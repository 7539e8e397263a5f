using System.Diagnostics;
using Fenghuo.Gateway.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Fenghuo.Gateway.Health;

/// <summary>Healthy when the service answers its own /health with 200; the platform is up only if every service is.</summary>
public sealed class DownstreamHealthCheck(IHttpClientFactory clients, DownstreamService service, HealthResultCache cache) : IHealthCheck
{
    public const string ClientName = "downstream-health";

    // The probe outlives the request that started it: later requests within the cache window share it.
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        cache.GetAsync(service.Name, () => ProbeAsync(CancellationToken.None));

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.GetAsync($"{service.Address}{DownstreamService.OwnHealthPath}", cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var description = $"{(int)response.StatusCode} {response.StatusCode} in {elapsed:F0} ms";
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy(description)
                : HealthCheckResult.Unhealthy(description);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            var reason = exception is TaskCanceledException ? "no answer in time" : exception.Message;
            return HealthCheckResult.Unhealthy($"unreachable: {reason}");
        }
    }
}
