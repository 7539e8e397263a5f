using Fenghuo.Warnings;
using Fenghuo.Warnings.Apis;
using Fenghuo.ServiceDefaults;
using Fenghuo.ServiceDefaults.Data;
using Fenghuo.ServiceDefaults.Messaging;
using Fenghuo.ServiceDefaults.Plans;
using Fenghuo.ServiceDefaults.Tenancy;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase("warnings");
builder.AddServiceMessaging("warnings", bus => bus.AddTenantDirectoryReplica().AddPlanRulesReplica());
builder.AddWarningServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapWarningsApi();

app.Run();

/// <summary>Visible to the service's tests, which host it with a test clock.</summary>
public partial class Program;
