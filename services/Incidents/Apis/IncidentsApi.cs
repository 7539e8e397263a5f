using Fenghuo.ServiceDefaults.Plans;
using Fenghuo.ServiceDefaults.Tenancy;

namespace Fenghuo.Incidents.Apis;

public static class IncidentsApi
{
    public static RouteGroupBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        app.MapPlanRulesApi("incidents");
        return app.MapTenantDirectoryApi("incidents");
    }
}
