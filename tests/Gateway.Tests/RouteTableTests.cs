using Fenghuo.Gateway.RateLimiting;
using Fenghuo.Gateway.Routing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Yarp.ReverseProxy.Configuration;

namespace Fenghuo.Gateway.Tests;

public sealed class RouteTableTests
{
    [Theory]
    [InlineData("/api/jurisdictions", "jurisdictions-api")]
    [InlineData("/api/jurisdictions/yangcheng/children", "jurisdictions-api")]
    [InlineData("/api/plan-templates/flood", "jurisdictions-api")]
    [InlineData("/api/incidents", "incidents-api")]
    [InlineData("/api/incidents/directory/yangcheng", "incidents-api")]
    [InlineData("/api/warnings/42/lift", "warnings-api")]
    [InlineData("/api/notifications/inbox", "notifications-api")]
    [InlineData("/api/exercises/7/evaluation", "exercises-api")]
    [InlineData("/api/summaries/overview", "summaries-api")]
    [InlineData("/realms/fenghuo/.well-known/openid-configuration", "identity-api")]
    public void Each_service_prefix_goes_to_its_service(string path, string cluster)
    {
        var route = Assert.Single(Matching(path), r => r.RateLimiterPolicy is null && r.ClusterId != Downstreams.Portal.Name);
        Assert.Equal(cluster, route.ClusterId);
    }

    [Theory]
    [InlineData("/api/other")]
    [InlineData("/api/incidentsx/1")]
    [InlineData("/apix/incidents")]
    [InlineData("/api")]
    [InlineData("/internal/incidents")]
    [InlineData("/health")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/openapi/gateway.json")]
    [InlineData("/admin/other")]
    [InlineData("/admin/realms/fenghuo/users")]
    [InlineData("/admin/realms/fenghuo/users/7c9e6679-7425-40de-944b-e07fc1f90ae7/reset-password")]
    public void Nothing_else_reaches_a_service(string path) =>
        Assert.All(Matching(path), route => Assert.Equal(Downstreams.Portal.Name, route.ClusterId));

    [Theory]
    [InlineData("/")]
    [InlineData("/incidents/new")]
    [InlineData("/_blazor/negotiate")]
    public void The_portal_serves_what_no_other_route_claims(string path)
    {
        var route = Assert.Single(Matching(path));
        Assert.Equal(Downstreams.Portal.Name, route.ClusterId);
        Assert.Equal(GatewayRoutes.Anonymous, route.AuthorizationPolicy);
        Assert.Equal(int.MaxValue, route.Order);
    }

    [Fact]
    public void The_admin_api_goes_through_only_where_a_setting_publishes_it()
    {
        var published = GatewayRoutes.For(new GatewayOptions { PublishAdminApi = true });
        var route = Assert.Single(Matching("/admin/realms/fenghuo/users", published), r => r.ClusterId != Downstreams.Portal.Name);
        Assert.Equal(Downstreams.Identity.Name, route.ClusterId);
        Assert.All(Matching("/admin/realms/fenghuo/users", GatewayRoutes.For(new GatewayOptions())),
            r => Assert.Equal(Downstreams.Portal.Name, r.ClusterId));
    }

    [Fact]
    public void Api_routes_require_a_token_and_identity_and_documents_do_not()
    {
        foreach (var route in GatewayRoutes.Routes)
        {
            var expected = route.Match.Path!.StartsWith("/api/", StringComparison.Ordinal)
                ? GatewayRoutes.Authenticated
                : GatewayRoutes.Anonymous;
            Assert.Equal(expected, route.AuthorizationPolicy);
        }
    }

    [Theory]
    [InlineData("/realms/fenghuo/protocol/openid-connect/token")]
    [InlineData("/realms/fenghuo/login-actions/authenticate")]
    [InlineData("/realms/fenghuo/login-actions/required-action")]
    [InlineData("/realms/fenghuo/account/credentials/password")]
    public void Every_path_that_checks_a_password_shares_the_strict_per_address_limit(string path)
    {
        var limited = Assert.Single(Matching(path), r => r.RateLimiterPolicy is not null);
        Assert.Equal(GatewayRateLimiting.PasswordEndpointsPolicy, limited.RateLimiterPolicy);
        Assert.Equal(Downstreams.Identity.Name, limited.ClusterId);
    }

    [Theory]
    [InlineData("/realms/fenghuo/.well-known/openid-configuration")]
    [InlineData("/realms/fenghuo/protocol/openid-connect/certs")]
    [InlineData("/api/incidents")]
    public void Paths_that_take_no_password_keep_only_the_general_limits(string path) =>
        Assert.All(Matching(path), r => Assert.Null(r.RateLimiterPolicy));

    [Fact]
    public void Every_service_document_is_served_under_its_own_name_from_the_services_v1_document()
    {
        foreach (var service in Downstreams.All)
        {
            var route = Assert.Single(Matching($"/openapi/{service.DocumentName}.json"), r => r.ClusterId != Downstreams.Portal.Name);
            Assert.Equal(service.Name, route.ClusterId);
            var transform = Assert.Single(route.Transforms!);
            Assert.Equal("/openapi/v1.json", transform["PathSet"]);
        }
    }

    [Fact]
    public void Every_cluster_is_a_discovery_name_and_every_route_has_one()
    {
        Assert.Equal(
            ["exercises-api", "identity-api", "incidents-api", "jurisdictions-api", "notifications-api", "portal", "summaries-api", "warnings-api"],
            GatewayRoutes.Clusters.Select(c => c.ClusterId).Order());
        foreach (var cluster in GatewayRoutes.Clusters)
        {
            var destination = Assert.Single(cluster.Destinations!).Value;
            Assert.Equal($"http://{cluster.ClusterId}", destination.Address);
        }
        Assert.All(GatewayRoutes.Routes, r => Assert.Contains(GatewayRoutes.Clusters, c => c.ClusterId == r.ClusterId));
        Assert.Equal(GatewayRoutes.Routes.Count, GatewayRoutes.Routes.Select(r => r.RouteId).Distinct().Count());
    }

    private static List<RouteConfig> Matching(string path, IReadOnlyList<RouteConfig>? routes = null) =>
        (routes ?? GatewayRoutes.Routes).Where(route =>
            new TemplateMatcher(TemplateParser.Parse(route.Match.Path!.TrimStart('/')), new RouteValueDictionary())
                .TryMatch(path, new RouteValueDictionary())).ToList();
}
