using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;

namespace Fenghuo.ServiceDefaults.Http;

public static class HttpClientDefaults
{
    /// <summary>
    /// Every HttpClient resolves service names (http://incidents-api) from the
    /// services__{name}__http__0 contract, retries and breaks circuits the standard way,
    /// and carries the caller's correlation id onward.
    /// </summary>
    public static IHostApplicationBuilder AddHttpClientDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddServiceDiscovery();
        builder.Services.AddTransient<CorrelationIdHandler>();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // A retried POST could act twice (create a user twice, report an incident twice); only safe methods are retried.
            http.AddStandardResilienceHandler(o => o.Retry.DisableForUnsafeHttpMethods());
            http.AddServiceDiscovery();
            http.AddHttpMessageHandler<CorrelationIdHandler>();
        });
        return builder;
    }
}
