using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Jurisdictions.Apis;
using Fenghuo.Jurisdictions.Extensions;
using Fenghuo.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseTenancy();
app.MapJurisdictionsApi();

await app.RunOrDeployTopologyAsync();
