using Fenghuo.Gateway.Routing;
using Fenghuo.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
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
        var options = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
        var timeout = options.HealthTimeout;
        builder.Services.AddSingleton(sp => new HealthResultCache(sp.GetRequiredService<TimeProvider>(), TimeSpan.FromSeconds(options.HealthCacheSeconds)));
        // The public /health says only whether the platform is up; which service failed and why
        // (hosts, exception text) is at /health/detail on the internal address (MapInternalHealth).
        builder.Services.Configure<HealthReportOptions>(o => o.Detailed = false);

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
                sp => new DownstreamHealthCheck(sp.GetRequiredService<IHttpClientFactory>(), service, sp.GetRequiredService<HealthResultCache>()),
                HealthStatus.Unhealthy,
                [ServiceHealth.ReadyTag],
                timeout));
        }
        if (options.InternalHealthUrl is { } internalUrl && builder is WebApplicationBuilder web)
        {
            var urls = web.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured ? configured : GatewayExtensions.DefaultUrl;
            web.WebHost.UseUrls([.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries), internalUrl.ToString()]);
        }
        return builder;
    }

    /// <summary>
    /// GET /health/detail: every service's check with its description, answered only on the port of
    /// Gateway:InternalHealthUrl (the local port of the connection, not the Host header a client
    /// writes); 404 everywhere else, and not mapped at all without that setting.
    /// </summary>
    public static WebApplication MapInternalHealth(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.InternalHealthUrl is not { } internalUrl)
        {
            return app;
        }
        app.MapGet("/health/detail", async (HttpContext http, HealthCheckService checks) =>
        {
            if (http.Connection.LocalPort != internalUrl.Port)
            {
                return Results.NotFound();
            }
            var report = await checks.CheckHealthAsync(ServiceHealth.IsReadiness, http.RequestAborted);
            http.Response.StatusCode = report.Status == HealthStatus.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            await ServiceHealth.WriteReport(http, report);
            return Results.Empty;
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
