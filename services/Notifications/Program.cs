using Fenghuo.BuildingBlocks.Messaging;
using Fenghuo.BuildingBlocks.Tenancy;
using Fenghuo.Notifications.Apis;
using Fenghuo.Notifications.Extensions;
using Fenghuo.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.UseTenancy();
app.MapNotificationsApi();

await app.RunOrDeployTopologyAsync();
