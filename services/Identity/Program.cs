using Fenghuo.Identity;
using Fenghuo.Identity.Apis;
using Fenghuo.ServiceDefaults;
using Fenghuo.ServiceDefaults.Data;
using Fenghuo.ServiceDefaults.Messaging;
using Fenghuo.ServiceDefaults.Tenancy;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase("identity", typeof(IdentityServices).Assembly);
builder.AddServiceMessaging("identity", bus => bus.AddTenantDirectoryReplica());
builder.AddIdentityServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapRealmApis();

app.Run();
