using Fenghuo.Gateway.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using ServiceHealth = Fenghuo.ServiceDefaults.Health;

namespace Fenghuo.Gateway.Health;

public static class DownstreamHealthExtensions
{
    /// <summary>
    /// One "ready" check per service, so ServiceDefaults' /health becomes the platform's aggregate and
    /// its body names each service. Health checks run concurrently, so /health takes as long as the
    /// slowest service, at most the timeout.
    /// </summary>
    public static IHostApplicationBuilder AddDownstreamHealthChecks(this IHostApplicationBuilder builder)
    {
        var timeout = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>()?.HealthTimeout
            ?? new GatewayOptions().HealthTimeout;

        // A health probe reports what it sees now: retrying would hide a failing service and outlast the
        // timeout. RemoveAllResilienceHandlers is still marked experimental, hence the suppression.
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient(DownstreamHealthCheck.ClientName, client => client.Timeout = timeout)
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        var checks = builder.Services.AddHealthChecks();
        foreach (var service in Downstreams.All)
        {
            checks.Add(new HealthCheckRegistration(
                service.Name,
                sp => new DownstreamHealthCheck(sp.GetRequiredService<IHttpClientFactory>(), service),
                HealthStatus.Unhealthy,
                [ServiceHealth.ReadyTag],
                timeout));
        }
        return builder;
    }
}
