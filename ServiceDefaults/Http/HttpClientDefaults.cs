using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
            http.AddHttpMessageHandler<CorrelationIdHandler>();
        });
        return builder;
    }
}
