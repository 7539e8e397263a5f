using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;

namespace Fenghuo.Exercises.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase("exercises");
        builder.AddTenancy();
        builder.AddServiceMessaging("exercises", bus => bus.AddTenantDirectoryReplica().AddPlanRulesReplica());
        return builder;
    }
}
