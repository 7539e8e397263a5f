using Fenghuo.Gateway.Hardening;
using Fenghuo.Gateway.Health;
using Fenghuo.Gateway.RateLimiting;
using Fenghuo.Gateway.Routing;
using Yarp.ReverseProxy.ServiceDiscovery;
using Yarp.ReverseProxy.Transforms;

namespace Fenghuo.Gateway;

public static class GatewayExtensions
{
    /// <summary>The platform's front door when neither ASPNETCORE_URLS nor --urls says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        builder.Services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.AddDownstreamHealthChecks();
        builder.AddGatewayRateLimiting();

        builder.Services.AddReverseProxy()
            .LoadFromMemory(
                GatewayRoutes.For(builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions()),
                GatewayRoutes.Clusters)
            .AddTransforms(transforms =>
            {
                transforms.AddRequestTransform(context =>
                {
                    ProxyHeaderPolicy.ApplyToRequest(context.ProxyRequest, ProxyHeaderPolicy.CorrelationIdOf(context.HttpContext));
                    return ValueTask.CompletedTask;
                });
                transforms.AddResponseTransform(context =>
                {
                    ProxyHeaderPolicy.ApplyToResponse(context.HttpContext.Response.Headers, ProxyHeaderPolicy.CorrelationIdOf(context.HttpContext));
                    return ValueTask.CompletedTask;
                });
            });
        builder.Services.AddSingleton<IDestinationResolver, ServiceDiscoveryDestinationResolver>();
        return builder;
    }

    /// <summary>First in the pipeline, so even 401, 413 and 429 answers carry the security headers.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        return app;
    }

    /// <summary>After authentication, because tenant rate-limit partitions read the validated token.</summary>
    public static WebApplication UseGatewayLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        return app;
    }
}
