using Fenghuo.BuildingBlocks.Data;
using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Plans;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.ServiceDefaults;
using Fenghuo.Warnings.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase("warnings");
builder.AddTenancy();
builder.AddServiceMessaging("warnings", bus => bus.AddTenantDirectoryReplica().AddPlanRulesReplica());

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseTenancy();
app.MapWarningsApi();

app.Run();
