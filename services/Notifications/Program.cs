using Fenghuo.Notifications.Apis;
using Fenghuo.ServiceDefaults;
using Fenghuo.ServiceDefaults.Data;
using Fenghuo.ServiceDefaults.Messaging;
using Fenghuo.ServiceDefaults.Tenancy;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase("notifications");
builder.AddServiceMessaging("notifications", bus => bus.AddTenantDirectoryReplica());

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapNotificationsApi();

app.Run();
