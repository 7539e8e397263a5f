using Fenghuo.Gateway;
using Fenghuo.Gateway.Docs;
using Fenghuo.Gateway.Health;
using Fenghuo.Gateway.Routing;
using Fenghuo.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();

app.UseSecurityHeaders();
// Correlation ids, /alive, and /health — which here is every service's health, told as one bare status (see AddDownstreamHealthChecks).
app.MapDefaultEndpoints();
// The gateway checks tokens but keeps no tenant directory: services resolve the tenant themselves.
app.UseAuthentication();
app.UseAuthorization();
app.UseGatewayLimits();
app.MapInternalHealth();
app.MapApiDocs();
app.MapUnclaimedPaths();
app.MapReverseProxy(proxy =>
{
    proxy.UseMiddleware<ForwardingFailureLog>();
    // YARP's default pipeline, which a custom one replaces.
    proxy.UseSessionAffinity();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});

app.Run();
