using Fenghuo.ServiceDefaults.Plans;
using Fenghuo.ServiceDefaults.Tenancy;

namespace Fenghuo.Warnings.Apis;

public static class WarningsApi
{
    public static RouteGroupBuilder MapWarningsApi(this IEndpointRouteBuilder app)
    {
        app.MapPlanRulesApi("warnings");
        return app.MapTenantDirectoryApi("warnings");
    }
}
