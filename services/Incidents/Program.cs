using Fenghuo.Incidents;
using Fenghuo.Incidents.Apis;
using Fenghuo.ServiceDefaults;
using Fenghuo.ServiceDefaults.Data;
using Fenghuo.ServiceDefaults.Messaging;
using Fenghuo.ServiceDefaults.Plans;
using Fenghuo.ServiceDefaults.Tenancy;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase("incidents");
builder.AddServiceMessaging("incidents", bus => bus.AddTenantDirectoryReplica().AddPlanRulesReplica());
builder.AddIncidentServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapIncidentsApi();

app.Run();

/// <summary>Visible to the service's tests, which host it with a test clock.</summary>
public partial class Program;
