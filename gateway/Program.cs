using Fenghuo.Gateway;
using Fenghuo.Gateway.Docs;
using Fenghuo.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();

app.UseSecurityHeaders();
// Correlation ids, auth, /alive, and /health — which here is every service's health (see AddDownstreamHealthChecks).
app.MapDefaultEndpoints();
app.UseGatewayLimits();
app.MapApiDocs();
app.MapReverseProxy();

app.Run();
