using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fenghuo.BuildingBlocks.Tenancy;

public static class TenancyExtensions
{
    /// <summary>The caller's tenant context per request, and this service's tenant directory it is resolved from.</summary>
    public static IHostApplicationBuilder AddTenancy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddSingleton<TenantDirectory>();
        return builder;
    }

    /// <summary>
    /// Who calls and for which tenant, in this order: the token is validated, the tenant context is
    /// filled from it (an unknown or suspended tenant is refused here), then authorisation runs.
    /// </summary>
    public static WebApplication UseTenancy(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<TenantContextMiddleware>();
        app.UseAuthorization();
        return app;
    }
}
