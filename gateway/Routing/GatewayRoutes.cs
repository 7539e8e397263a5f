using Fenghuo.Gateway.RateLimiting;
using Yarp.ReverseProxy.Configuration;

namespace Fenghuo.Gateway.Routing;

/// <summary>
/// The route table. Paths go through unchanged because each service maps its own api/{service}
/// group; only the OpenAPI documents are renamed, so six services' v1.json can sit side by side.
/// </summary>
public static class GatewayRoutes
{
    // YARP's reserved policy names: "Default" is the authenticated-user policy, "Anonymous" skips authorization.
    public const string Authenticated = "Default";
    public const string Anonymous = "Anonymous";

    public static IReadOnlyList<RouteConfig> Routes { get; } =
    [
        Api("jurisdictions", Downstreams.Jurisdictions),
        Api("plan-templates", Downstreams.Jurisdictions),
        Api("incidents", Downstreams.Incidents),
        Api("warnings", Downstreams.Warnings),
        Api("notifications", Downstreams.Notifications),
        Api("exercises", Downstreams.Exercises),
        // Identity guards its own admin API; its OIDC endpoints must be reachable without a token.
        new RouteConfig
        {
            RouteId = "identity-realms",
            ClusterId = Downstreams.Identity.Name,
            AuthorizationPolicy = Anonymous,
            Match = new RouteMatch { Path = "/realms/{**rest}" },
        },
        new RouteConfig
        {
            RouteId = "identity-admin",
            ClusterId = Downstreams.Identity.Name,
            AuthorizationPolicy = Anonymous,
            Match = new RouteMatch { Path = "/admin/realms/{**rest}" },
        },
        // More literal than /realms/{**rest}, so it wins for the one endpoint that takes passwords.
        new RouteConfig
        {
            RouteId = "identity-token",
            ClusterId = Downstreams.Identity.Name,
            AuthorizationPolicy = Anonymous,
            RateLimiterPolicy = GatewayRateLimiting.TokenEndpointPolicy,
            Match = new RouteMatch { Path = "/realms/{realm}/protocol/openid-connect/token" },
        },
        .. Downstreams.All.Select(OpenApiDocument),
    ];

    public static IReadOnlyList<ClusterConfig> Clusters { get; } =
    [
        .. Downstreams.All.Select(service => new ClusterConfig
        {
            ClusterId = service.Name,
            Destinations = new Dictionary<string, DestinationConfig>
            {
                // A logical name; ServiceDiscoveryDestinationResolver turns it into addresses.
                [service.Name] = new() { Address = service.Address },
            },
        }),
    ];

    private static RouteConfig Api(string resource, DownstreamService service) => new()
    {
        RouteId = $"api-{resource}",
        ClusterId = service.Name,
        AuthorizationPolicy = Authenticated,
        Match = new RouteMatch { Path = $"/api/{resource}/{{**rest}}" },
    };

    private static RouteConfig OpenApiDocument(DownstreamService service) => new()
    {
        RouteId = $"openapi-{service.DocumentName}",
        ClusterId = service.Name,
        AuthorizationPolicy = Anonymous,
        Match = new RouteMatch { Path = service.OpenApiPath, Methods = ["GET", "HEAD"] },
        Transforms = [new Dictionary<string, string> { ["PathSet"] = DownstreamService.OwnOpenApiPath }],
    };
}
