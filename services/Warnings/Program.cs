using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.ServiceDefaults;
using Fenghuo.Warnings.Apis;
using Fenghuo.Warnings.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseTenancy();
app.MapWarningsApi();

await app.RunOrDeployTopologyAsync();
