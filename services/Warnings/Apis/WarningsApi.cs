using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;

namespace Fenghuo.Warnings.Apis;

public static class WarningsApi
{
    public static RouteGroupBuilder MapWarningsApi(this IEndpointRouteBuilder app)
    {
        app.MapPlanRulesApi("warnings");
        return app.MapTenantDirectoryApi("warnings");
    }
}
