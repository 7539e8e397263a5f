using Fenghuo.BuildingBlocks.Tenancy;

namespace Fenghuo.Notifications.Apis;

public static class NotificationsApi
{
    public static RouteGroupBuilder MapNotificationsApi(this IEndpointRouteBuilder app) =>
        app.MapTenantDirectoryApi("notifications");
}
