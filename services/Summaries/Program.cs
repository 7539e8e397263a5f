using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.ServiceDefaults;
using Fenghuo.Summaries.Apis;
using Fenghuo.Summaries.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseTenancy();
app.MapSummariesApi();

await app.RunOrDeployTopologyAsync();
