using Fenghuo.Contracts;
using Fenghuo.ServiceDefaults.Auth;
using Fenghuo.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fenghuo.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    /// <summary>
    /// Everything every Fenghuo process shares: telemetry, health, discovery, resilience,
    /// problem details, JSON, correlation ids, Keycloak-shaped authentication and OpenAPI.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.ConfigureTelemetry();
        builder.AddDefaultHealthChecks();
        builder.AddHttpClientDefaults();
        builder.AddProblemDetailsDefaults();
        builder.Services.ConfigureHttpJsonOptions(o => FenghuoJson.Apply(o.SerializerOptions));
        builder.AddKeycloakAuthentication();
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>
    /// Correlation ids, problem details for failures, /health, /alive and the OpenAPI document.
    /// Authentication and authorisation are the caller's to place (UseTenancy in services).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<NulRefusalMiddleware>();
        app.MapHealthEndpoints();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}
