using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;

namespace Fenghuo.Notifications.Extensions;

public static class ApplicationServiceExtensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase("notifications");
        builder.AddTenancy();
        builder.AddServiceMessaging("notifications", bus => bus.AddTenantDirectoryReplica());
        return builder;
    }
}
