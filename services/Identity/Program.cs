using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Identity.Apis;
using Fenghuo.Identity.Extensions;
using Fenghuo.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseTenancy();
app.MapRealmApis();

await app.RunOrDeployTopologyAsync();
