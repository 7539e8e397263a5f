using Fenghuo.Gateway.RateLimiting;
using Yarp.ReverseProxy.Configuration;

namespace Fenghuo.Gateway.Routing;

/// <summary>
/// Paths go through unchanged because each service maps its own api/{service}
/// group; only the OpenAPI documents are renamed, so six services' v1.json can sit side by side.
/// </summary>
public static class GatewayRoutes
{
    // YARP's reserved policy names: "Default" is the authenticated-user policy, "Anonymous" skips authorization.
    public const string Authenticated = "Default";
    public const string Anonymous = "Anonymous";

    /// <summary>
    /// Every path where the identity service checks a password: the token endpoint (password grant),
    /// the login form, the required-action password form and the account's password change. They
    /// share one strict per-address budget, so guessing cannot move to whichever path is unlimited.
    /// </summary>
    public static IReadOnlyList<string> PasswordPaths { get; } =
    [
        "/realms/{realm}/protocol/openid-connect/token",
        "/realms/{realm}/login-actions/authenticate",
        "/realms/{realm}/login-actions/required-action",
        "/realms/{realm}/account/credentials/password",
    ];

    /// <summary>The routes with the public default: Keycloak's admin API is not published.</summary>
    public static IReadOnlyList<RouteConfig> Routes { get; } = For(new GatewayOptions());

    /// <summary>
    /// The route table. The admin API (/admin/realms/**) resets passwords and grants roles; the
    /// services reach it directly (Jurisdictions by service discovery), so it goes through the
    /// front door only where Gateway:PublishAdminApi says so.
    /// </summary>
    public static IReadOnlyList<RouteConfig> For(GatewayOptions options) =>
    [
        Api("jurisdictions", Downstreams.Jurisdictions),
        Api("plan-templates", Downstreams.Jurisdictions),
        Api("incidents", Downstreams.Incidents),
        Api("warnings", Downstreams.Warnings),
        Api("notifications", Downstreams.Notifications),
        Api("exercises", Downstreams.Exercises),
        Api("summaries", Downstreams.Summaries),
        // Identity guards its own admin API; its OIDC endpoints must be reachable without a token.
        new RouteConfig
        {
            RouteId = "identity-realms",
            ClusterId = Downstreams.Identity.Name,
            AuthorizationPolicy = Anonymous,
            Match = new RouteMatch { Path = "/realms/{**rest}" },
        },
        .. options.PublishAdminApi
            ? [new RouteConfig
            {
                RouteId = "identity-admin",
                ClusterId = Downstreams.Identity.Name,
                AuthorizationPolicy = Anonymous,
                Match = new RouteMatch { Path = "/admin/realms/{**rest}" },
            }]
            : Array.Empty<RouteConfig>(),
        // More literal than /realms/{**rest}, so they win for the endpoints that take passwords.
        .. PasswordPaths.Select((path, i) => new RouteConfig
        {
            RouteId = $"identity-password-{i}",
            ClusterId = Downstreams.Identity.Name,
            AuthorizationPolicy = Anonymous,
            RateLimiterPolicy = GatewayRateLimiting.PasswordEndpointsPolicy,
            Match = new RouteMatch { Path = path },
        }),
        .. Downstreams.All.Select(OpenApiDocument),
        // Everything no other route claims is the portal's: its pages, scripts and the Blazor circuit.
        // The portal signs its users in itself; /api/** and the other platform prefixes never fall through to it (UnclaimedPaths).
        new RouteConfig
        {
            RouteId = "portal",
            ClusterId = Downstreams.Portal.Name,
            AuthorizationPolicy = Anonymous,
            Order = int.MaxValue,
            Match = new RouteMatch { Path = "/{**rest}" },
        },
    ];

    public static IReadOnlyList<ClusterConfig> Clusters { get; } =
    [
        .. Downstreams.All.Append(Downstreams.Portal).Select(service => new ClusterConfig
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
