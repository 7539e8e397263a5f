using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;

namespace Fenghuo.Exercises.Apis;

public static class ExercisesApi
{
    public static RouteGroupBuilder MapExercisesApi(this IEndpointRouteBuilder app)
    {
        app.MapPlanRulesApi("exercises");
        return app.MapTenantDirectoryApi("exercises");
    }
}
