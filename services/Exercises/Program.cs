using Fenghuo.Exercises.Apis;
using Fenghuo.ServiceDefaults;
using Fenghuo.ServiceDefaults.Data;
using Fenghuo.ServiceDefaults.Messaging;
using Fenghuo.ServiceDefaults.Plans;
using Fenghuo.ServiceDefaults.Tenancy;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddServiceDatabase("exercises");
builder.AddServiceMessaging("exercises", bus => bus.AddTenantDirectoryReplica().AddPlanRulesReplica());

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapExercisesApi();

app.Run();
