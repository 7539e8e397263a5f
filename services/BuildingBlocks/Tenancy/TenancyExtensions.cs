using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fenghuo.BuildingBlocks.Tenancy;

public static class TenancyExtensions
{
    /// <summary>
    /// The caller's tenant context per request, and this service's tenant directory it is resolved from;
    /// <paramref name="keepEntriesFor"/> lets the directory keep an entry that long (see <see cref="TenantDirectory"/>).
    /// </summary>
    public static IHostApplicationBuilder AddTenancy(this IHostApplicationBuilder builder, TimeSpan keepEntriesFor = default)
    {
        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddSingleton(sp => new TenantDirectory(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), keepEntriesFor));
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
